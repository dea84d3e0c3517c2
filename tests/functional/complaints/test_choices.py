"""The department choices follow the chosen center: the refresh button without script,
``/centers/<code>/departments.json`` for the form's script."""

from tests.functional.complaints.support import as_user, pdf
from tests.unit.filings import samples


def test_refresh_offers_the_new_centers_departments_and_keeps_every_value(client):
    acme = as_user(client, "acme")
    form = acme.get("/complaints/new").forms["complaint"]
    assert [v for v, _s, _t in form["department"].options] == [""]  # no center chosen yet
    form["center"] = "640104"
    form["subject"] = "主题保留"
    form["content"] = "内容保留"
    form["phone"] = "0951-7654321"
    form.fields["upload"][0].value = pdf("保留的附件.pdf")
    res = form.submit("refresh")
    assert res.status_int == 200
    assert res.html.select("form#complaint .invalid-feedback") == []  # no message yet
    form = res.forms["complaint"]
    options = {v: t for v, _s, t in form["department"].options}
    assert options["scjg"] == "兴庆区市场监督管理局"
    assert form["center"].value == "640104"
    assert (form["subject"].value, form["content"].value) == ("主题保留", "内容保留")
    assert form["phone"].value == "0951-7654321" and form["name"].value == "张伟"
    assert "保留的附件.pdf" in res.html.select_one("form#complaint").text
    # Choose the department and submit: the file kept in the stash comes along.
    form["department"] = "scjg"
    page = form.submit("submit").follow()
    assert "兴庆区市场监督管理局" in page.html.select_one(".complaint-facts").text
    link = page.html.select_one(".complaint-files a")
    assert link.text == "保留的附件.pdf"
    assert acme.get(link["href"]).body == samples.PDF


def test_changing_the_center_clears_a_department_it_does_not_have(client):
    acme = as_user(client, "acme")
    form = acme.get("/complaints/new?center=640100&department=scjg").forms["complaint"]
    assert form["department"].value == "scjg"
    form["center"] = ""
    res = form.submit("refresh")
    assert res.forms["complaint"]["department"].value == ""


def test_the_departments_of_a_center_as_json(client):
    """The catalogue's departments of a center, public as the center's page is."""
    data = client().get("/centers/640104/departments.json").json
    assert {"value": "scjg", "title": "兴庆区市场监督管理局"} in data["departments"]
    client().get("/centers/999999/departments.json", status=404)


def test_the_form_loads_its_script_from_a_file(client):
    page = as_user(client, "acme").get("/complaints/new")
    src = [s["src"] for s in page.html.select("script[src]") if "cascade" in s["src"]]
    assert len(src) == 1
    script = client().get(src[0])
    assert "departments" in script.text and script.content_type.endswith("javascript")
    cascade = page.html.select_one(".complaint-new")
    assert cascade["data-cascade-form"] == "complaint"
    assert cascade["data-cascade-url"].endswith("/centers/")
