"""Anonymous visitors read published announcements: list, filters, search, page, JSON, feed."""

import xml.etree.ElementTree as ET
from datetime import date

from ningxia_portal.announcements.workflow import PENDING, PRIVATE, PUBLISHED, RETRACTED
from tests.functional.announcements.conftest import add_announcement

ATOM = "{http://www.w3.org/2005/Atom}"


def titles(res):
    return [a.text for a in res.html.select(".announcement-title")]


def test_demo_announcements_are_listed_newest_first(demo_app):
    res = demo_app.get("/announcements/")
    assert titles(res) == [
        "兴庆区政务服务中心推行午间不间断和周末预约服务的公告",
        "关于企业开办“一网通办”全面上线的通知",
        "关于进一步优化营商环境的若干措施",
        "关于2026年春节期间政务服务大厅办公时间的通知",
        "《宁夏回族自治区优化营商环境条例》解读",
    ]
    assert "共 5 条公告" in res.text
    assert res.html.h1.text == "政策公告"


def test_region_filter_shows_whole_region_the_center_and_its_parents(demo_app):
    xingqing = titles(demo_app.get("/announcements/", params={"center": "640104"}))
    assert len(xingqing) == 5  # 兴庆区 + 银川市 + the region center + 2 whole-region
    yinchuan = titles(demo_app.get("/announcements/", params={"center": "640100"}))
    assert "兴庆区政务服务中心推行午间不间断和周末预约服务的公告" not in yinchuan
    assert "关于企业开办“一网通办”全面上线的通知" in yinchuan
    region = titles(demo_app.get("/announcements/", params={"center": "640000"}))
    assert region == [
        "关于进一步优化营商环境的若干措施",
        "关于2026年春节期间政务服务大厅办公时间的通知",
        "《宁夏回族自治区优化营商环境条例》解读",
    ]
    # An unknown or malformed center means no filter, never an error.
    assert len(titles(demo_app.get("/announcements/", params={"center": "abc"}))) == 5


def test_category_filter_and_keyword_search_use_chinese_substrings(demo_app):
    res = demo_app.get("/announcements/", params={"category": "政策解读"})
    assert titles(res) == ["《宁夏回族自治区优化营商环境条例》解读"]
    # "营商环境" is inside titles; "帮办代办" only inside a body; "午间" inside a summary.
    res = demo_app.get("/announcements/", params={"q": "营商环境"})
    assert set(titles(res)) == {
        "关于进一步优化营商环境的若干措施",
        "《宁夏回族自治区优化营商环境条例》解读",
    }
    assert titles(demo_app.get("/announcements/", params={"q": "帮办代办"})) == [
        "兴庆区政务服务中心推行午间不间断和周末预约服务的公告"
    ]
    assert len(titles(demo_app.get("/announcements/", params={"q": "午间"}))) == 1
    # Markup in the body is not searchable text.
    assert titles(demo_app.get("/announcements/", params={"q": "strong"})) == []
    res = demo_app.get("/announcements/", params={"q": "不存在的词语", "category": "政策公告"})
    assert titles(res) == [] and "没有符合条件的公告" in res.text


def test_list_is_paginated_and_keeps_its_filters(app, wsgi_app, arrange):
    with arrange(wsgi_app) as root:
        for n in range(25):
            add_announcement(root, f"测试通知第{n:02d}号", day=date(2026, 1, 1 + n))
    first = app.get("/announcements/")
    assert len(titles(first)) == 20 and titles(first)[0] == "测试通知第24号"
    assert "第 1 页，共 2 页" in first.text
    second = first.click(linkid=None, href=r"page=2")
    assert titles(second) == [f"测试通知第{n:02d}号" for n in range(4, -1, -1)]
    filtered = app.get("/announcements/", params={"q": "测试通知", "category": "通知公告"})
    link = filtered.html.select_one(".pager a[rel=next]")["href"]
    assert "q=" in link and "category=" in link and "page=2" in link
    assert len(titles(app.get("/announcements/", params={"page": "-1"}))) == 20
    assert len(titles(app.get("/announcements/", params={"page": "abc"}))) == 20


def test_announcement_page_shows_every_field(demo_app):
    res = demo_app.get("/announcements/").click(description="关于进一步优化营商环境的若干措施")
    assert res.html.h1.text == "关于进一步优化营商环境的若干措施"
    meta = res.html.select_one(".announcement-meta").text
    assert "政策公告" in meta and "全区" in meta and "2026-02-10" in meta
    body = res.html.select_one(".announcement-body")
    assert body.find("h3").text == "一、企业开办再提速"
    assert body.find("strong").text == "1个工作日"
    assert "围绕企业开办" in res.html.select_one(".announcement-summary").text
    # Visitors see neither the editors' tools nor the history.
    assert res.html.select_one(".editor-tools") is None
    crumbs = [li.text.strip() for li in res.html.select(".breadcrumbs li")]
    assert crumbs[:2] == ["首页", "政策公告"]


def test_json_for_the_list_and_the_page(demo_app):
    res = demo_app.get(
        "/announcements/", params={"center": "640000"}, headers={"Accept": "application/json"}
    )
    data = res.json
    assert data["total"] == 3 and data["filters"]["center"] == "640000"
    first = data["announcements"][0]
    assert first["title"] == "关于进一步优化营商环境的若干措施"
    assert first["scope"] == "all" and first["published"] == "2026-02-10"
    page = demo_app.get(first["url"], headers={"Accept": "application/json"}).json
    assert page["category"] == "政策公告" and "<strong>1个工作日</strong>" in page["body_html"]
    assert page["attachments"] == []


def test_feed_is_valid_atom_with_the_newest_twenty(app, wsgi_app, arrange):
    with arrange(wsgi_app) as root:
        for n in range(22):
            add_announcement(root, f"订阅测试{n:02d} <&>", day=date(2026, 1, 1 + n))
        add_announcement(root, "草稿不应出现", state=PRIVATE)
    res = app.get("/announcements/feed.atom")
    assert res.content_type == "application/atom+xml"
    feed = ET.fromstring(res.body)  # noqa: S314 - the portal's own output
    assert feed.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{tag}").text
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == (
        "http://localhost/announcements/feed.atom"
    )
    assert feed.find(f"{ATOM}author/{ATOM}name").text
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 20
    for entry in entries:
        for tag in ("id", "title", "updated", "summary"):
            assert entry.find(f"{ATOM}{tag}").text, tag
        assert entry.find(f"{ATOM}link").get("href").startswith("http://localhost/announcements/")
        assert entry.find(f"{ATOM}updated").text.endswith("+08:00")  # China's time
    assert entries[0].find(f"{ATOM}title").text == "订阅测试21 <&>"
    assert len({e.find(f"{ATOM}id").text for e in entries}) == 20
    assert b"\xe8\x8d\x89\xe7\xa8\xbf" not in res.body  # 草稿


def test_home_page_shows_the_latest_five_of_the_region(demo_app):
    block = demo_app.get("/").html.select_one(".latest-announcements")
    links = [a.text for a in block.select("li a")]
    assert len(links) == 5 and links[0] == "兴庆区政务服务中心推行午间不间断和周末预约服务的公告"
    block = demo_app.get("/", params={"center": "640000"}).html.select_one(".latest-announcements")
    assert len(block.select("li a")) == 3
    assert block.find("a", string="更多公告")["href"].endswith("/announcements/?center=640000")


def test_unpublished_announcements_are_invisible_to_anonymous_visitors(app, wsgi_app, arrange):
    with arrange(wsgi_app) as root:
        add_announcement(root, "已发布的通知甲", body="公开的关键词")
        hidden = {
            state: add_announcement(root, f"秘密{state}通知", state=state, body="公开的关键词")
            for state in (PRIVATE, PENDING, RETRACTED)
        }
    listing = app.get("/announcements/")
    assert titles(listing) == ["已发布的通知甲"] and "秘密" not in listing.text
    search = app.get("/announcements/", params={"q": "公开的关键词"})
    assert titles(search) == ["已发布的通知甲"]
    as_json = app.get("/announcements/", headers={"Accept": "application/json"}).json
    assert [a["title"] for a in as_json["announcements"]] == ["已发布的通知甲"]
    assert "秘密".encode() not in app.get("/announcements/feed.atom").body
    assert "秘密" not in app.get("/").text
    for name in hidden.values():
        page = app.get(f"/announcements/{name}/", status=404)
        assert "秘密" not in page.text and "页面不存在" in page.text
        data = app.get(
            f"/announcements/{name}/", headers={"Accept": "application/json"}, status=404
        ).json
        assert data == {"error": "not_found", "status": 404}
        for view in ("@@edit", "@@transition"):
            assert "秘密" not in app.get(f"/announcements/{name}/{view}", status=404).text


def test_hidden_state_of_a_published_announcement_follows_retraction(app, wsgi_app, arrange):
    """The catalog's permission index is what listings use: check it after a state change."""
    from ningxia_portal.announcements.workflow import announcement_workflow

    with arrange(wsgi_app) as root:
        name = add_announcement(root, "将被撤回的通知")
    assert titles(app.get("/announcements/")) == ["将被撤回的通知"]
    with arrange(wsgi_app) as root:
        a = root["announcements"][name]
        announcement_workflow.initialize(a, state=RETRACTED)
        from ningxia_portal.indexing.catalog import reindex

        reindex(a)
    assert titles(app.get("/announcements/")) == []
    app.get(f"/announcements/{name}/", status=404)
    assert PUBLISHED  # the constant the helper defaults to


def test_the_region_choice_is_the_default_filter_of_list_and_home(demo_app):
    """A visitor who chose 自治区本级 sees the region-wide notices and that center's."""
    demo_app.get("/set-region", params={"region": "640000", "came_from": "/"})
    expected = [
        "关于进一步优化营商环境的若干措施",
        "关于2026年春节期间政务服务大厅办公时间的通知",
        "《宁夏回族自治区优化营商环境条例》解读",
    ]
    res = demo_app.get("/announcements/")
    assert titles(res) == expected
    assert res.html.select_one("#ann-center option[selected]")["value"] == "640000"
    block = demo_app.get("/").html.select_one(".latest-announcements")
    assert [a.text for a in block.select("li a")] == expected
    # Choosing 全区 in the list's own filter shows everything, whatever the region choice.
    assert len(titles(demo_app.get("/announcements/", params={"center": ""}))) == 5
    demo_app.get("/set-region", params={"region": "640104", "came_from": "/"})
    assert len(titles(demo_app.get("/announcements/"))) == 5
