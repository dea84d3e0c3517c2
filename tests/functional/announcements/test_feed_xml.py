"""Control characters can't break the Atom feed: the form refuses them, the feed drops them."""

import xml.etree.ElementTree as ET

import pytest

from tests.functional.announcements.conftest import add_announcement
from tests.functional.announcements.test_editing import fill, find, make_people

ATOM = "{http://www.w3.org/2005/Atom}"
MESSAGE = "请删除此栏中不可见的控制字符"


@pytest.fixture
def people(demo_wsgi_app):
    return make_people(demo_wsgi_app)


def field_error(res, name):
    """The error text deform shows under the field ``name``."""
    field = res.html.select_one(f"[name={name}]")
    group = field.find_parent(class_="form-group") or field.find_parent("div")
    return group.get_text(" ", strip=True)


def test_title_and_summary_with_control_characters_come_back_with_a_message(
    people, demo_wsgi_app, open_root
):
    editor = people("portal_editor")
    form = editor.get("/announcements/@@add").forms["announcement"]
    fill(form, "控制字符\x0b标题\x1b", "all", summary="摘要\x08内容", body="正文内容")
    res = form.submit("save")
    assert res.status_int == 200
    assert MESSAGE in field_error(res, "title")
    assert MESSAGE in field_error(res, "summary")
    again = res.forms["announcement"]
    assert again["title"].value == "控制字符\x0b标题\x1b"  # kept, for the editor to fix
    assert again["body"].value == "正文内容"
    with open_root(demo_wsgi_app) as root:
        assert not [a for a in root["announcements"].values() if "控制字符" in a.title]


def test_the_published_body_loses_them_and_the_announcement_is_saved(
    people, demo_wsgi_app, open_root
):
    editor = people("portal_editor")
    form = editor.get("/announcements/@@add").forms["announcement"]
    fill(form, "正文含控制字符的公告", "all", body="第一段\x0c第二段\x00。")
    page = form.submit("save").follow()
    page.forms["transition"].submit("submit").follow().forms["transition"].submit("publish")
    with open_root(demo_wsgi_app) as root:
        a = find(root, "正文含控制字符的公告")
        name = a.__name__
        assert a.body_html == "<p>第一段第二段。</p>" and a.body_text == "第一段第二段。"
    visitor = people(None)
    page = visitor.get(f"/announcements/{name}/")
    assert page.html.select_one(".announcement-body").get_text() == "第一段第二段。"
    assert "\x0c" not in page.text and "\x00" not in page.text
    feed = ET.fromstring(visitor.get("/announcements/feed.atom").body)  # noqa: S314
    assert "正文含控制字符的公告" in [e.text for e in feed.iter(f"{ATOM}title")]


def test_the_feed_still_parses_with_a_bad_title_stored_before_the_check(app, wsgi_app, arrange):
    with arrange(wsgi_app) as root:
        add_announcement(root, "旧数据\x0b标题\x1b", summary="旧\x08摘要")
    res = app.get("/announcements/feed.atom")
    feed = ET.fromstring(res.body)  # noqa: S314 - the portal's own output
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["旧数据标题"]
    assert entries[0].find(f"{ATOM}summary").text == "旧摘要"
