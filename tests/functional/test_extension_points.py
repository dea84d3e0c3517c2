"""Item actions, home blocks and common tools appear only once a feature registers them."""

import pytest
import webtest

from ningxia_portal import main
from tests.conftest import DEMO_CENTERS, base_settings

ITEM = "/centers/640104/scjg/xk-scjg-001/"  # 食品经营许可（新办）, 网上办结
PREREVIEW_ITEM = "/centers/640104/ga/xk-ga-001/"  # 特种行业许可证核发（旅馆业）, 网上预审


@pytest.fixture(scope="module")
def featured_app():
    """The real app plus a sample feature that registers like filings will."""
    settings = base_settings(
        **{
            "portal.demo": "true",
            "portal.demo_centers": DEMO_CENTERS,
            "portal.includes": "tests.functional.sample_feature",
        }
    )
    return webtest.TestApp(main({}, **settings))


def test_the_shipped_item_page_offers_apply_book_and_ask(demo_app):
    res = demo_app.get(ITEM)
    assert [b.text for b in res.html.select(".item-actions a")] == [
        "在线申报",
        "在线预约",
        "我要咨询",
    ]


def test_a_registered_action_leads_to_its_page(featured_app):
    res = featured_app.get(ITEM)
    buttons = res.html.select(".item-actions a")
    # The shipped 在线预约 (order 20 too, "appointment" sorts before "book").
    assert [b.text for b in buttons] == ["在线申报", "在线预约", "预约", "咨询", "我要咨询"]
    assert buttons[2]["href"] == f"http://localhost{ITEM}book"
    assert res.click(href=r"/book$").text == "book for 食品经营许可（新办）"


def test_an_action_can_be_limited_to_some_items(featured_app):
    res = featured_app.get(PREREVIEW_ITEM)
    assert [b.text for b in res.html.select(".item-actions a")] == [
        "在线申报",
        "在线预约",
        "预约",
        "我要咨询",
    ]


def test_home_blocks_and_tools_come_from_registrations(demo_app, featured_app):
    plain = demo_app.get("/")
    assert [a.text for a in plain.html.select(".tool-links a")] == ["查找事项", "办件进度查询"]
    # The app as shipped registers the latest announcements (order 20).
    assert [s["class"][1] for s in plain.html.select(".home-block-slot")] == [
        "home-block-announcements"
    ]

    res = featured_app.get("/")
    slots = res.html.select(".home-block-slot")
    # Same order: by name. "hidden" returned None.
    assert [s["class"][1] for s in slots] == ["home-block-announcements", "home-block-sample"]
    assert [li.text for li in slots[1].select("li")] == ["第一条政策公告", "第二条政策公告"]
    tools = [a.text for a in res.html.select(".tool-links a")]
    assert tools == ["查找事项", "咨询", "办件进度查询"]  # order 30 both: by name
    assert res.click(description="咨询", href="/centers/").html.h1.text == "服务中心"


def test_every_registered_link_of_the_real_app_works(demo_app):
    """No tool or action of the app as shipped leads to a page that doesn't exist."""
    home = demo_app.get("/")
    for a in home.html.select(".tool-links a"):
        assert demo_app.get(a["href"]).status_int == 200
    for a in demo_app.get(ITEM).html.select(".item-actions a"):
        assert demo_app.get(a["href"], expect_errors=True).status_int != 404


def test_two_features_claiming_one_action_name_is_a_configuration_error():
    from pyramid.config import Configurator
    from pyramid.exceptions import ConfigurationConflictError

    config = Configurator(settings={})
    config.include("ningxia_portal.catalogue.actions")
    config.add_item_action("apply", "在线申报")
    config.add_item_action("apply", "再次申报")
    with pytest.raises(ConfigurationConflictError):
        config.commit()
