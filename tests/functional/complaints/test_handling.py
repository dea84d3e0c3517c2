"""The handling: a handler of the center takes, replies, closes; the complainant follows the
progress and rates once. Every move is recorded with who, when and the comment."""

import json

from ningxia_portal.complaints.workflow import CLOSED, HANDLING, RECEIVED, REPLIED
from tests.functional.complaints.support import as_user, file_complaint

REPLY = "经核实，窗口已按清单收取材料，并已对相关人员进行提醒。"


def move(testapp, url, name, comment=""):
    form = testapp.get(url).forms[f"complaint-{name}"]
    form["comment"] = comment
    return form.submit(name)


def set_score(form, score):
    """The score's radio buttons (deform names them by the field's oid)."""
    form[next(k for k in form.fields if k.startswith("deformField"))] = score


def rate(testapp, url, score, comment=""):
    form = testapp.get(url).forms["complaint-rate"]
    set_score(form, score)
    form["comment"] = comment
    return form.submit("rate")


def states(wsgi_app, open_root):
    with open_root(wsgi_app) as root:
        return {c.state for c in root["complaints"].values()}


def test_complain_handle_reply_rate(client, complaint_wsgi_app, open_root):
    acme = as_user(client, "acme")
    url = file_complaint(acme).request.path
    handler = as_user(client, "chuli")
    page = handler.get(url)
    # A received complaint offers the handler "take" only.
    names = [f for f in page.forms if isinstance(f, str) and f.startswith("complaint-")]
    assert names == ["complaint-take"]
    assert move(handler, url, "take", "已受理").status_int == 303
    assert states(complaint_wsgi_app, open_root) == {HANDLING}
    # The reply is required.
    res = move(handler, url, "reply", "  ")
    assert "请填写答复内容。" in res.html.select_one("form#complaint-reply").text
    assert states(complaint_wsgi_app, open_root) == {HANDLING}
    page = move(handler, url, "reply", REPLY).follow()
    assert "操作成功：投诉现为“已答复”。" in page.text
    assert page.html.select_one(".complaint-reply").text == REPLY
    # The complainant reads the reply, and the handler only as 投诉处理人员.
    page = acme.get(url)
    assert page.html.select_one(".complaint-state .state").text == "已答复"
    assert page.html.select_one(".complaint-reply").text == REPLY
    actors = [a.text for a in page.html.select(".complaint-history .history-actor")]
    assert actors == ["投诉处理人员", "投诉处理人员"]
    assert "投诉科 孙立" not in page.text
    data = acme.get(url, headers={"Accept": "application/json"}).json
    assert [e["actor"] for e in data["history"]] == ["投诉处理人员", "投诉处理人员"]
    assert "投诉科 孙立" not in json.dumps(data, ensure_ascii=False)
    assert data["transitions"] == ["rate"]
    # The complainant rates once; a replied complaint closes with it.
    page = rate(acme, url, "fairly_satisfied", "答复及时").follow()
    assert "感谢您的评价，评价已记录。" in page.text
    assert page.html.select_one(".complaint-rating strong").text == "基本满意"
    assert "complaint-rate" not in page.forms
    assert states(complaint_wsgi_app, open_root) == {CLOSED}
    # The handler sees the rating and who did what, in the page and in JSON.
    page = handler.get(url)
    assert page.html.select_one(".complaint-rating").text.startswith("基本满意")
    actors = [a.text for a in page.html.select(".complaint-history .history-actor")]
    assert actors == ["宁夏阿克米食品有限公司", "投诉科 孙立", "投诉科 孙立"]
    data = handler.get(url, headers={"Accept": "application/json"}).json
    assert data["rating"]["score"] == "fairly_satisfied"
    assert data["rating"]["comment"] == "答复及时"
    assert [(e["transition"], e["from"], e["to"]) for e in data["history"]] == [
        ("take", RECEIVED, HANDLING),
        ("reply", HANDLING, REPLIED),
        ("rate", REPLIED, CLOSED),
    ]
    assert data["history"][1]["comment"] == REPLY
    assert all(e["time"].endswith("+08:00") for e in data["history"])
    with open_root(complaint_wsgi_app) as root:
        (complaint,) = root["complaints"].values()
        assert [e["actor"] for e in complaint.history] == ["chuli", "chuli", "acme"]
        assert complaint.history[2]["score"] == "fairly_satisfied"
        assert complaint.rating["score"] == "fairly_satisfied"


def test_a_second_rating_is_refused(client, complaint_wsgi_app, open_root):
    acme = as_user(client, "acme")
    url = file_complaint(acme).request.path
    handler = as_user(client, "chuli")
    move(handler, url, "take")
    move(handler, url, "reply", REPLY)
    stale_form = acme.get(url).forms["complaint-rate"]
    move(handler, url, "close", "")  # the handler closes first: rating is still possible
    form = acme.get(url).forms["complaint-rate"]
    set_score(form, "satisfied")
    form.submit("rate")
    # A second rating (a form shown before) is refused with a message; nothing changes.
    set_score(stale_form, "dissatisfied")
    res = stale_form.submit("rate", status=409)
    assert res.html.select_one(".complaint-refused").text in (
        "该投诉刚被他人更改，请查看后重试。",
        "您已评价过该投诉的处理，每件投诉只能评价一次。",
    )
    body = {"__formid__": "complaint-rate", "csrf_token": stale_form["csrf_token"].value}
    res = acme.post(url, {**body, "score": "dissatisfied", "comment": ""}, status=409)
    assert res.html.select_one(".complaint-refused").text == (
        "您已评价过该投诉的处理，每件投诉只能评价一次。"
    )
    with open_root(complaint_wsgi_app) as root:
        (complaint,) = root["complaints"].values()
        assert complaint.rating["score"] == "satisfied"
        assert [e["transition"] for e in complaint.history] == ["take", "reply", "close", "rate"]


def test_nobody_rates_before_the_reply_nor_in_the_complainants_name(client):
    acme = as_user(client, "acme")
    url = file_complaint(acme).request.path
    page = acme.get(url)
    assert "complaint-rate" not in page.forms
    admin = as_user(client, "admin1")
    move(admin, url, "take")  # admins handle complaints too
    move(admin, url, "reply", REPLY)
    assert "complaint-rate" not in admin.get(url).forms
    assert "complaint-rate" in acme.get(url).forms


def test_handler_moves_are_refused_to_the_complainant(client, complaint_wsgi_app, open_root):
    acme = as_user(client, "acme")
    page = file_complaint(acme)
    url = page.request.path
    csrf = page.forms["header-logout"]["csrf_token"].value
    res = acme.post(
        url, {"__formid__": "complaint-take", "csrf_token": csrf, "revision": "0"}, status=409
    )
    assert res.html.select_one(".complaint-refused").text == "该投诉当前状态下不能进行此操作。"
    assert states(complaint_wsgi_app, open_root) == {RECEIVED}
