"""/consultations/new: only enterprises ask; bad input comes back at its field, values kept;
the departments follow the center, with or without JavaScript."""

import pytest

from tests.conftest import RootAccess
from tests.functional.consultations.support import CONTENT, SUBJECT, ask, main_text


def count(wsgi_app):
    with RootAccess(wsgi_app) as root:
        return len(root["consultations"])


def field_error(res, name):
    """The message shown at the field ``name`` of the form."""
    element = res.html.select_one(f"#consultation [name={name}]")
    item = res.html.select_one(f"#item-{element['id']}")
    found = item.select_one(".invalid-feedback, .help-block.error, p.error")
    return found.get_text(strip=True) if found is not None else ""


def test_the_form_is_prefilled_from_the_profile(enterprise_a_app, demo_wsgi_app):
    from tests.conftest import committing

    with committing(demo_wsgi_app) as root:
        user = root["principals"]["qiye_a"]
        user.contact, user.phone = "王经理", "13800001111"
    form = enterprise_a_app.get("/consultations/new?department=640100/sw").forms["consultation"]
    assert form["name"].value == "王经理" and form["phone"].value == "13800001111"
    assert form["center"].value == "640100" and form["department"].value == "sw"
    labels = [label.get_text(strip=True) for label in form.html.select("label")]
    for title in ("所属中心", "所属部门", "姓名", "联系电话", "咨询主题", "咨询内容"):
        assert any(title in label for label in labels), labels


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "12345", "手机号码"),
        ("phone", "0951-12", "手机号码"),
        ("content", "   ", "请填写咨询内容"),
        ("subject", "", "请填写咨询主题"),
        ("subject", "问" * 101, "最多 100 个字符"),
        ("content", "问" * 2001, "最多 2000 个字符"),
        ("name", "", "请填写姓名"),
    ],
)
def test_bad_input_at_the_field_with_every_value_kept(enterprise_a_app, field, value, message):
    before = count(enterprise_a_app.app)
    form = enterprise_a_app.get("/consultations/new?department=640100/scjg").forms["consultation"]
    values = {"name": "张三", "phone": "0951-6031101", "subject": SUBJECT, "content": CONTENT}
    values[field] = value
    for name, v in values.items():
        form[name] = v
    res = form.submit("submit")
    assert res.status_int == 200
    assert message in field_error(res, field), field_error(res, field)
    again = res.forms["consultation"]
    for name, v in values.items():
        assert again[name].value == v.strip(), name  # blanks around a value are dropped
    assert again["department"].value == "scjg"
    assert count(enterprise_a_app.app) == before


def test_a_department_not_of_the_chosen_center(enterprise_a_app):
    before = count(enterprise_a_app.app)
    page = enterprise_a_app.get("/consultations/new?department=640100/scjg")
    form = page.forms["consultation"]
    form["subject"], form["content"], form["phone"] = SUBJECT, CONTENT, "13912345678"
    fields = dict(form.submit_fields("submit"))
    fields["center"] = "640104"
    fields["department"] = "no-such-dept"
    res = enterprise_a_app.post("/consultations/new", fields)
    assert "不属于所选中心" in field_error(res, "department")
    assert res.forms["consultation"]["subject"].value == SUBJECT
    assert count(enterprise_a_app.app) == before


def test_refresh_lists_the_chosen_centers_departments_keeping_values(enterprise_a_app):
    form = enterprise_a_app.get("/consultations/new?department=640100/scjg").forms["consultation"]
    form["subject"], form["content"], form["name"] = SUBJECT, CONTENT, "张三"
    form["phone"] = "13912345678"
    form["center"] = "640104"
    res = form.submit("refresh")
    assert res.status_int == 200 and not res.html.select(".invalid-feedback")
    again = res.forms["consultation"]
    assert again["center"].value == "640104"
    assert (again["subject"].value, again["content"].value, again["name"].value) == (
        SUBJECT,
        CONTENT,
        "张三",
    )
    options = [o for o, _s, _t in again["department"].options if o]
    assert "sw" in options
    titles = res.html.select_one("select[name=department]").text
    assert "兴庆区" in titles and "银川市市场监督管理局" not in titles
    again["department"] = "sw"
    done = again.submit("submit")
    assert done.status_int == 302
    page = done.follow()
    assert "国家税务总局兴庆区税务局" in main_text(page)


def test_the_script_gets_a_centers_departments(enterprise_a_app):
    data = enterprise_a_app.get("/centers/640104/departments.json").json
    assert data["center"] == "640104"
    assert {"value": "sw", "title": "国家税务总局兴庆区税务局"} in data["departments"]
    enterprise_a_app.get("/centers/999999/departments.json", status=404)
    page = enterprise_a_app.get("/consultations/new")
    scripts = [s.get("src", "") for s in page.html.select("script")]
    assert any(s.endswith("/catalogue-static/cascade.js") for s in scripts)
    assert enterprise_a_app.get("/catalogue-static/cascade.js").status_int == 200
    cascade = page.html.select_one("[data-cascade]")
    assert cascade["data-cascade-form"] == "consultation"
    assert cascade["data-cascade-url"].endswith("/centers/")


@pytest.mark.parametrize("who", ["reviewer", "admin", "editor"])
def test_only_enterprises_ask(as_persona, who):
    client = as_persona(who)
    res = client.get("/consultations/new", status=403)
    assert "无权访问" in res.html.select_one("main").text


def test_visitors_are_led_through_the_login(as_persona):
    res = as_persona(None).get("/consultations/new", status=302)
    assert "/login?came_from=" in res.location


def test_asked_consultation_is_stored_with_what_was_entered(enterprise_a_app):
    path = ask(enterprise_a_app, name="张三", phone="0951 6031101", department="640104/sw")
    with RootAccess(enterprise_a_app.app) as root:
        c = root["consultations"][path.split("/")[2]]
        assert (c.owner, c.asker, c.phone, c.department_key) == (
            "qiye_a",
            "张三",
            "09516031101",
            "640104/sw",
        )
        assert c.enterprise == "宁夏塞上粮油有限公司"


def test_the_form_kept_rendered_carries_each_viewers_own_values(
    enterprise_a_app, enterprise_b_app, demo_wsgi_app
):
    from tests.conftest import committing

    with committing(demo_wsgi_app) as root:
        a, b = root["principals"]["qiye_a"], root["principals"]["qiye_b"]
        a.contact, a.phone = '王"经理"<b>&', "13800001111"
        b.contact, b.phone = "赵会计", "0951-6666666"
    for _ in range(2):  # the second time from the kept rendering
        page_a = enterprise_a_app.get("/consultations/new?department=640100/scjg")
        page_b = enterprise_b_app.get("/consultations/new?department=640100/scjg")
        form_a, form_b = page_a.forms["consultation"], page_b.forms["consultation"]
        assert (form_a["name"].value, form_a["phone"].value) == ('王"经理"<b>&', "13800001111")
        assert (form_b["name"].value, form_b["phone"].value) == ("赵会计", "0951-6666666")
        assert "<b>&" not in page_a.text  # escaped
        assert form_a["csrf_token"].value != form_b["csrf_token"].value
        assert form_a["csrf_token"].value == page_a.forms["header-logout"]["csrf_token"].value
        assert "placeholder-" not in page_a.text
    form_a["subject"], form_a["content"] = SUBJECT, CONTENT
    assert form_a.submit("submit").status_int == 302
