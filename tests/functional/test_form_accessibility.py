"""Forms name their errors and labels to assistive technology: the summary of a refused
form is an alert, each refused field is described by its message (and its help text), and
each file input of a material is labelled by the material's name."""

from bs4 import BeautifulSoup

ITEM = "/centers/640100/scjg/xk-scjg-002/"  # 食品经营许可（变更）


def text_of(soup, ids):
    return [soup.find(id=i).get_text(" ", strip=True) for i in ids.split()]


def test_a_refused_field_is_described_by_its_message(enterprise_a_app):
    form = enterprise_a_app.get(ITEM + "apply").forms["apply"]
    form["description"] = ""
    form["phone"] = "12"
    soup = BeautifulSoup(form.submit("submit").text, "html.parser")

    summary = soup.select_one("form#apply .alert-danger")
    assert summary["role"] == "alert"
    phone = soup.select_one("input[name=phone]")
    assert phone["aria-invalid"] == "true"
    (message,) = text_of(soup, phone["aria-describedby"])
    assert "手机" in message or "电话" in message
    assert phone["value"] == "12"  # the value is kept
    description = soup.select_one("textarea[name=description]")
    assert description["aria-invalid"] == "true"
    words = text_of(soup, description["aria-describedby"])
    assert words[0] == "必需"  # colander's "Required"
    assert len(words) == 2  # then its help text


def test_a_field_not_refused_is_not_marked_invalid(enterprise_a_app):
    soup = BeautifulSoup(enterprise_a_app.get(ITEM + "apply").text, "html.parser")
    assert soup.select("[aria-invalid]") == []
    assert soup.select_one("form#apply [role=alert]") is None


def test_each_file_input_is_labelled_by_its_material(enterprise_a_app):
    soup = BeautifulSoup(enterprise_a_app.get(ITEM + "apply").text, "html.parser")
    inputs = soup.select("form#apply input[type=file]")
    assert inputs
    names = [soup.find(id=i["aria-labelledby"]).get_text(strip=True) for i in inputs]
    assert names[0].startswith("食品经营许可变更申请书")
    assert len(set(names)) == len(names)
