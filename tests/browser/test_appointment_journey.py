"""The appointment journey in a real browser: the enterprise books from an item page (the
choices following the center, department and day by script), the reviewer approves with a
reply, the enterprise reads it in 我的预约 and on the home page."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import log_in, log_out

ITEM = "/centers/640100/scjg/xk-scjg-001/"


def test_book_approve_and_read_the_reply(page):
    log_in(page, "enterprise")
    page.goto(ITEM)
    page.get_by_role("link", name="在线预约").click()
    page.wait_for_url(re.compile(r"/appointments/new\?item="))
    form = page.locator("form#appointment")
    assert not form.get_by_role("button", name="刷新选项").is_visible()  # the script narrows
    assert form.locator("select[name=department]").input_value() == "scjg"
    # Another center: its departments come without a reload; then back.
    form.locator("select[name=center]").select_option("640000")
    expect(form.locator("select[name=department]")).to_contain_text("市场监督管理厅")
    form.locator("select[name=center]").select_option("640100")
    expect(form.locator("select[name=department]")).to_contain_text("银川市市场监督管理局")
    form.locator("select[name=department]").select_option("scjg")
    expect(form.locator("select[name=item]")).to_contain_text("食品经营许可（新办）")
    form.locator("select[name=item]").select_option("xk-scjg-001")
    form.locator("input[name=day]").fill("2026-03-11")
    form.locator("input[name=day]").dispatch_event("change")
    expect(form.locator("select[name=slot]")).to_contain_text("余5个名额")
    form.locator("select[name=slot]").select_option("14:30-15:30")
    form.locator("textarea[name=content]").fill("现场核对经营场所平面图。")
    form.get_by_role("button", name="提交预约").click()
    page.wait_for_url(re.compile(r"/appointments/20260311-[0-9a-f]+/$"))
    url = page.url
    assert "您已成功预约2026-03-11 14:30-15:30" in page.locator(".flash").inner_text()
    assert page.locator(".appointment-status strong").inner_text() == "已预约，待回复"
    log_out(page)

    # The reviewer finds it in the queue of that day and approves it with a reply.
    log_in(page, "reviewer")
    page.goto("/appointments/?day=2026-03-11")
    page.get_by_role("link", name="2026-03-11 14:30-15:30").click()
    page.wait_for_url(url)
    approve = page.locator("form#transition-approve")
    approve.locator("textarea[name=comment]").fill("请携带营业执照原件按时到场。")
    with page.expect_navigation():
        approve.get_by_role("button", name="同意预约").click()
    assert page.locator(".appointment-status strong").inner_text() == "已同意"
    log_out(page)

    # The enterprise reads the reply in its list and the reminder on the home page.
    log_in(page, "enterprise")
    page.goto("/appointments/")
    row = page.locator(".appointment-row", has_text="2026-03-11 14:30-15:30")
    assert "已同意" in row.inner_text()
    assert "请携带营业执照原件按时到场。" in row.inner_text()
    page.goto("/")
    block = page.locator(".my-appointments").inner_text()
    assert "已回复：" in block
    assert "您预约的银川市市场监督管理局" in block  # the demo's approved one comes first
