"""好差评 in a real browser: the demo enterprise rates its accepted case (网上受理 ends
there) 不满意 through the radio buttons of the rating form, reads its rating and the
rectification's deadline on the case page; the demo reviewer finds the task in the
navigation's count and answers it."""

import re

from tests.browser.conftest import log_in, log_out

LEVELS = {
    "overall": "不满意",
    "efficiency": "基本满意",
    "guide": "满意",
    "convenience": "不满意",
    "platform": "非常满意",
}


def test_rate_then_answer(page):
    log_in(page, "enterprise")
    page.goto("/filings/")
    page.locator("tr", has_text="药品零售企业许可").get_by_role("link").first.click()
    page.wait_for_load_state()
    page.locator("a.rate-link").click()
    page.wait_for_url(re.compile(r"/rate$"))
    form = page.locator("form#rate")
    for dimension, level in LEVELS.items():
        group = form.locator(f".item-{dimension}")
        group.get_by_label(level, exact=True).check()
    form.locator("textarea[name=comment]").fill("取证等待时间较长。")
    form.get_by_role("button", name="提交评价").click()
    page.wait_for_url(re.compile(r"/filings/[\d-]+/$"))
    assert "感谢您的评价" in page.locator(".flash").inner_text()
    block = page.locator(".case-block-evaluation")
    assert "整改中" in block.inner_text() and "取证等待时间较长。" in block.inner_text()
    assert block.locator("a.rate-link").count() == 0
    log_out(page)

    log_in(page, "reviewer")
    link = page.locator("header").get_by_role("link", name=re.compile("整改任务"))
    assert "2 件待办" in link.inner_text()  # the demo's task and this one
    link.click()
    page.wait_for_url(re.compile(r"/evaluations/$"))
    page.locator("tr.evaluation-row", has_text="药品零售企业许可").get_by_role("link").click()
    form = page.locator("form#evaluation-answer")
    form.locator("textarea[name=comment]").fill("已优化取证流程，当日可领取。")
    form.get_by_role("button", name="提交整改情况").click()
    page.wait_for_load_state()
    assert "整改情况已答复" in page.locator(".flash").inner_text()
    assert "已整改" in page.locator(".evaluation-status").inner_text()
