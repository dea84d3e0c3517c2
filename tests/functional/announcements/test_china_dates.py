"""An announcement published at 04:30 in Yinchuan (20:30 UTC the day before) shows that
day in China: on its page, in the list, in its JSON and in the feed."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from ningxia_portal.core.clock import get_clock
from tests.functional.announcements.test_editing import fill, make_people

ATOM = "{http://www.w3.org/2005/Atom}"


def test_an_announcement_published_before_dawn_shows_the_date_in_china(demo_wsgi_app):
    people = make_people(demo_wsgi_app)
    clock = get_clock(demo_wsgi_app.registry)
    clock.set(datetime(2026, 3, 1, 20, 30, tzinfo=UTC))
    editor, visitor = people("portal_editor"), people(None)
    form = editor.get("/announcements/@@add").forms["announcement"]
    title = "关于凌晨发布时间的测试公告"
    fill(form, title, "all")
    page = form.submit("save").follow()
    page = page.forms["transition"].submit("submit").follow()
    page = page.forms["transition"].submit("publish").follow()
    url = page.request.url

    shown = visitor.get(url).html.select_one("article time")
    assert shown.text == "2026-03-02" and shown["datetime"] == "2026-03-02"
    listed = visitor.get("/announcements/")
    row = [li for li in listed.html.select("li") if title in li.text][0]
    assert row.select_one("time").text == "2026-03-02"
    data = visitor.get(url, headers={"Accept": "application/json"}).json
    assert data["published"] == "2026-03-02"
    assert data["modified"] == "2026-03-02T04:30:00+08:00"
    history = editor.get(url).html.select_one("main").get_text(" ", strip=True)
    assert "2026-03-02 04:30" in history

    feed = ET.fromstring(visitor.get("/announcements/feed.atom").body)  # noqa: S314
    entry = [e for e in feed.findall(f"{ATOM}entry") if e.find(f"{ATOM}title").text == title][0]
    assert entry.find(f"{ATOM}published").text == "2026-03-02T04:30:00+08:00"
    assert entry.find(f"{ATOM}updated").text == "2026-03-02T04:30:00+08:00"
