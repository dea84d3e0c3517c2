"""/messages/: the owner's box, from the owner's side and from everyone else's."""

from datetime import timedelta

from ningxia_portal.core.clock import get_clock
from ningxia_portal.messages.resources import Message
from tests.conftest import committing
from tests.functional.filings.support import login, main_text, submit_filing, take


def header_links(page):
    return page.html.select_one("nav.site-nav").get_text(" ", strip=True)


def returned_case(client):
    """A case the owner submitted (a receipt, 已提交) and a reviewer returned (the newest)."""
    _owner, case_url = submit_filing(client)
    take(login(client(), "rev"), case_url, "return", comment="请补充营业执照副本。")
    return case_url


def test_anonymous_visitors_are_sent_to_the_login(client):
    res = client().get("/messages/", status=302)
    assert "/login" in res.location


def test_the_owner_reads_the_message_unread_and_marks_it_read(client):
    case_url = returned_case(client)
    acme = login(client(), "acme")
    page = acme.get("/messages/")
    item, receipt = page.html.select("li.message")  # newest first
    assert "未读" in item.get_text() and item.select_one("strong") is not None
    assert "请补充营业执照副本。" in item.get_text()
    assert "已提交，待预审" in receipt.get_text() and "未读" in receipt.get_text()
    assert "消息 (2)" in header_links(page)
    assert "2 条未读消息" in header_links(page)

    page.forms[f"read-{item['id'].split('-')[1]}"].submit(status=303)  # 标为已读
    page = acme.get("/messages/")
    item, receipt = page.html.select("li.message")
    assert "未读" not in item.get_text() and item.select_one("strong") is None
    assert "未读" in receipt.get_text()
    assert "消息 (1)" in header_links(page) and "1 条未读消息" in header_links(page)
    assert acme.get("/messages/", headers={"Accept": "application/json"}).json["unread"] == 1
    # The link opens the message (/messages/<id>), which goes on to the case.
    assert item.select_one("a")["href"].startswith("http://localhost/messages/")
    assert acme.get(item.select_one("a")["href"], status=303).location.endswith(case_url)


def test_opening_a_message_marks_it_read_and_goes_to_the_object(client):
    case_url = returned_case(client)
    acme = login(client(), "acme")
    answer = acme.get("/messages/", headers={"Accept": "application/json"}).json
    message, _receipt = answer["messages"]
    assert message["read"] is False and message["url"] == f"http://localhost{case_url}"
    res = acme.get(message["open_url"].replace("http://localhost", ""), status=303)
    assert res.location == f"http://localhost{case_url}"
    again = acme.get("/messages/", headers={"Accept": "application/json"}).json
    assert again["unread"] == 1 and again["messages"][0]["read"] is True


def test_nobody_else_sees_or_marks_the_owners_messages(client):
    returned_case(client)
    acme = login(client(), "acme")
    message = acme.get("/messages/", headers={"Accept": "application/json"}).json["messages"][0]
    for name in ("other", "rev", "admin1"):
        other = login(client(), name)
        page = other.get("/messages/")
        assert "请补充营业执照副本" not in page.text
        assert "暂无消息" in main_text(page)
        assert "条未读消息" not in header_links(page)
        answer = other.get("/messages/", headers={"Accept": "application/json"}).json
        assert answer["total"] == 0 and answer["messages"] == []
        other.get(f"/messages/{message['id']}", status=404)
        other.post(
            "/messages/read", {"id": message["id"], "csrf_token": other.csrf_token}, status=404
        )
    again = acme.get("/messages/", headers={"Accept": "application/json"}).json
    assert again["unread"] == 2  # nobody else's request marked either


def test_the_header_count_is_each_viewers_own_and_follows_mark_all_read(client):
    returned_case(client)
    acme = login(client(), "acme")
    other = login(client(), "other")
    assert "消息 (2)" in header_links(acme.get("/centers/"))
    assert "条未读消息" not in header_links(other.get("/centers/"))  # the same kept header
    page = acme.get("/messages/")
    page.forms["messages-read-all"].submit(status=303)  # 全部标为已读
    assert "条未读消息" not in header_links(acme.get("/centers/"))
    assert acme.get("/messages/", headers={"Accept": "application/json"}).json["unread"] == 0


def test_the_box_pages_newest_first(client, mail_wsgi_app):
    clock = get_clock(mail_wsgi_app.registry)
    with committing(mail_wsgi_app) as root:
        box = root["messages"].box_for("acme")
        for n in range(25):
            box.add(Message(clock.now() + timedelta(minutes=n), f"消息{n}", "状态：已受理", "/"))
    acme = login(client(), "acme")
    first = acme.get("/messages/", headers={"Accept": "application/json"}).json
    assert first["total"] == 25 and first["pages"] == 2 and first["unread"] == 25
    assert [m["subject"] for m in first["messages"]] == [f"消息{n}" for n in range(24, 4, -1)]
    second = acme.get("/messages/?page=2")
    subjects = [a.get_text(strip=True) for a in second.html.select("li.message a")]
    assert subjects == [f"消息{n}" for n in range(4, -1, -1)]
    assert acme.get("/messages/?page=abc").html.select("li.message a")[0].text == "消息24"
