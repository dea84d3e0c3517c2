"""An editor writes and publishes an announcement in Chromium; an anonymous visitor reads it."""

import re

TITLE = "关于调整企业开办窗口服务时间的通知"


def test_editor_publishes_and_visitor_reads(page, browser, live_server):
    page.goto("/login")
    page.get_by_label("用户名").first.fill("editor")
    page.get_by_label("密码").first.fill("editor1234")
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()

    page.goto("/announcements/")
    page.get_by_role("link", name="新建公告").click()
    page.get_by_label("标题").fill(TITLE)
    page.get_by_label("类别").select_option("通知公告")
    page.get_by_label("发布范围").select_option("640100")
    page.get_by_label("摘要").fill("自3月9日起，企业开办窗口延长服务至18:00。")
    page.get_by_label("正文").fill("各企业：\n\n- 工作日 **9:00—18:00** 办理\n- 周六上午预约办理")
    page.get_by_role("button", name="预览").click()
    assert page.locator(".announcement-preview strong").inner_text() == "9:00—18:00"
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(re.compile(r"/announcements/\d{8}-[0-9a-f]{6}/$"))
    assert "草稿" in page.locator(".state").inner_text()
    page.get_by_role("button", name="发布").click()
    page.wait_for_load_state()
    assert "已发布" in page.locator(".state").inner_text()
    url = page.url

    visitor = browser.new_context(locale="zh-CN", base_url=live_server)
    try:
        anon = visitor.new_page()
        anon.goto("/announcements/?center=640104")
        anon.get_by_role("link", name=TITLE).click()
        anon.wait_for_url(url)
        assert anon.locator("h1").inner_text() == TITLE
        assert anon.locator(".announcement-body strong").inner_text() == "9:00—18:00"
        assert anon.locator(".editor-tools").count() == 0
    finally:
        visitor.close()
