"""/complaints/: my complaints (newest first, paginated, searchable) and the handlers' queue
(their centers' complaints, received first then being handled); admins see every center's."""

from tests.functional.complaints.support import add_complaints, as_user, file_complaint

JSON = {"Accept": "application/json"}


def subjects(page):
    return [row.select_one("a").text for row in page.html.select(".complaint-row")]


def test_my_complaints_newest_first_paginated(client, complaint_wsgi_app):
    add_complaints(complaint_wsgi_app, "acme", [f"投诉{n:02d}" for n in range(25)])
    add_complaints(complaint_wsgi_app, "other", ["别人的投诉"])
    acme = as_user(client, "acme")
    page = acme.get("/complaints/")
    assert page.html.select_one("h1").text == "我的投诉"
    assert "共 25 件投诉" in page.text
    assert subjects(page) == [f"投诉{n:02d}" for n in range(24, 4, -1)]
    row = page.html.select_one(".complaint-row").get_text(" ", strip=True)
    assert "银川市" in row and "银川市市场监督管理局" in row and "已受理" in row
    second = page.click(description="下一页")
    assert subjects(second) == [f"投诉{n:02d}" for n in range(4, -1, -1)]
    data = acme.get("/complaints/", {"page": 2}, headers=JSON).json
    assert data["mode"] == "mine" and data["total"] == 25 and data["pages"] == 2
    assert [c["subject"] for c in data["complaints"]] == [f"投诉{n:02d}" for n in range(4, -1, -1)]
    assert "别人的投诉" not in page.text + second.text


def test_my_complaints_search_by_subject_or_department(client, complaint_wsgi_app):
    add_complaints(complaint_wsgi_app, "acme", ["窗口态度差", "办理超时"])
    add_complaints(complaint_wsgi_app, "acme", ["电话无人接听"], department="sw")
    add_complaints(complaint_wsgi_app, "other", ["窗口态度差（别人的）"])
    acme = as_user(client, "acme")
    assert subjects(acme.get("/complaints/", {"q": "态度"})) == ["窗口态度差"]
    assert subjects(acme.get("/complaints/", {"q": "税务"})) == ["电话无人接听"]
    assert subjects(acme.get("/complaints/", {"q": "市场监督 超时"})) == ["办理超时"]
    assert subjects(acme.get("/complaints/", {"q": "ＡＢＣ"})) == []
    page = acme.get("/complaints/", {"q": "态度"})
    assert page.html.select_one("#c-q")["value"] == "态度"  # the keyword is kept


def test_the_handlers_queue_received_first_then_handling(client, complaint_wsgi_app):
    add_complaints(complaint_wsgi_app, "acme", ["已答复的"], moves=("take", "reply"))
    add_complaints(complaint_wsgi_app, "acme", ["处理中的"], moves=("take",))
    add_complaints(complaint_wsgi_app, "other", ["新来的一", "新来的二"])
    add_complaints(complaint_wsgi_app, "other", ["自治区的"], center="640000")
    handler = as_user(client, "chuli")
    page = handler.get("/complaints/")
    assert page.html.select_one("h1").text == "投诉处理"
    assert subjects(page) == ["新来的一", "新来的二", "处理中的", "已答复的"]
    enterprises = [r.select("td")[3].text for r in page.html.select(".complaint-row")]
    assert enterprises[0] == "银川其他商贸有限公司"
    open_ = handler.get("/complaints/", {"state": "open"})
    assert subjects(open_) == ["新来的一", "新来的二", "处理中的"]
    assert subjects(handler.get("/complaints/", {"state": "replied"})) == ["已答复的"]
    data = handler.get("/complaints/", {"state": "handling"}, headers=JSON).json
    assert data["mode"] == "queue" and [c["subject"] for c in data["complaints"]] == ["处理中的"]
    assert subjects(handler.get("/complaints/", {"q": "新来"})) == ["新来的一", "新来的二"]
    # The region's handler sees the region's only; admins see every center's.
    assert subjects(as_user(client, "quchuli").get("/complaints/")) == ["自治区的"]
    assert set(subjects(as_user(client, "admin1").get("/complaints/"))) == {
        "新来的一",
        "新来的二",
        "处理中的",
        "已答复的",
        "自治区的",
    }


def test_an_answered_complaint_shows_in_the_complainants_list(client):
    acme = as_user(client, "acme")
    url = file_complaint(acme).request.path
    handler = as_user(client, "chuli")
    for name, comment in (("take", ""), ("reply", "已处理")):
        form = handler.get(url).forms[f"complaint-{name}"]
        form["comment"] = comment
        form.submit(name)
    row = acme.get("/complaints/").html.select_one(".complaint-row")
    assert "已答复" in row.text
    assert acme.get("/complaints/", {"state": "replied"}, headers=JSON).json["total"] == 1
    assert acme.get("/complaints/", {"state": "received"}, headers=JSON).json["total"] == 0
