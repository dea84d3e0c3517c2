"""Helpers of the consultation tests: ask through the real form, move through the real page."""

JSON = {"Accept": "application/json"}
SUBJECT = "新办餐饮店需要哪些许可"
CONTENT = "我公司准备开设食品零售门店，请问从申请到发证需要多长时间？"


def ask(client, department="640100/scjg", subject=SUBJECT, content=CONTENT, **fields):
    """Ask ``department`` through /consultations/new; returns the consultation's path."""
    form = client.get(f"/consultations/new?department={department}").forms["consultation"]
    form["subject"] = subject
    form["content"] = content
    fields.setdefault("phone", form["phone"].value or "0951-6031101")
    for name, value in fields.items():
        form[name] = value
    res = form.submit("submit")
    assert res.status_int == 302, res.html.select(".invalid-feedback, .error, .alert")
    return res.location.replace("http://localhost", "")


def move(client, path, transition, comment=""):
    """Take ``transition`` with the form on the consultation's page; returns the answer."""
    page = client.get(path)
    form = page.forms[f"transition-{transition}"]
    form["comment"] = comment
    return form.submit(transition)


def main_text(res):
    return res.html.select_one("main").get_text(" ", strip=True)


def listed(res):
    """The subjects of the list's rows."""
    return [a.text for a in res.html.select(".consultation-row td:first-child a")]
