"""The shared layout as each kind of user sees it."""


def test_header_leads_each_kind_of_user_to_their_filings(enterprise_a_app, reviewer_app, demo_app):
    assert "我的申报" in enterprise_a_app.get("/").html.select_one(".site-nav").text
    assert "待办件" in reviewer_app.get("/").html.select_one(".site-nav").text
    nav = demo_app.get("/").html.select_one(".site-nav").text
    assert "我的申报" not in nav and "待办件" not in nav
