"""The consultation journey in a real browser: the enterprise asks (the departments follow
the center), the reviewer answers, 已回复 shows the answer, the answer is published as the
department's FAQ, which visitors read without the asker's name or phone."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import log_in, log_out

SUBJECT = "新办餐饮店需要办理哪些许可"
QUESTION = "我公司准备在金凤区开一家餐饮店，请问需要办理哪些许可证？"
ANSWER = "需办理食品经营许可证；如涉及消防，还需进行消防安全检查。"


def test_ask_answer_read_the_reply_publish_as_faq(page):
    # The enterprise asks; its name and phone come from the profile.
    log_in(page, "enterprise")
    page.goto("/consultations/new")
    form = page.locator("form#consultation")
    assert form.locator("input[name=name]").input_value() == "李文静"
    assert form.locator("input[name=phone]").input_value() == "13895012345"
    expect(form.locator("button[name=refresh]")).to_be_hidden()  # the script does it
    departments = form.locator("select[name=department]")
    form.locator("select[name=center]").select_option("640104")
    expect(departments).to_contain_text("国家税务总局兴庆区税务局")
    form.locator("select[name=center]").select_option("640100")
    expect(departments).to_contain_text("银川市市场监督管理局")
    expect(departments).not_to_contain_text("兴庆区")
    departments.select_option("scjg")
    form.locator("input[name=subject]").fill(SUBJECT)
    form.locator("textarea[name=content]").fill(QUESTION)
    form.get_by_role("button", name="提交咨询").click()
    page.wait_for_url(re.compile(r"/consultations/\w+/$"))
    consultation_url = page.url
    assert "已提交至银川市市场监督管理局" in page.locator(".flash").inner_text()
    assert "尚未回复" in page.locator(".consultation-unanswered").inner_text()
    log_out(page)

    # The reviewer finds it first in the queue, with the count in the header, and answers.
    log_in(page, "reviewer")
    page.goto("/consultations/")
    assert re.search(r"咨询答复\s*\d", page.locator(".site-nav").inner_text())
    page.get_by_role("link", name=SUBJECT).click()
    page.wait_for_url(consultation_url)
    page.locator("form#transition-answer textarea[name=comment]").fill(ANSWER)
    with page.expect_navigation():
        page.locator("form#transition-answer").get_by_role("button", name="答复").click()
    page.wait_for_url(consultation_url)
    assert ANSWER in page.locator(".consultation-answer").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="公开为常见问题").click()
    page.wait_for_url(consultation_url)
    assert "已公开" in page.locator(".consultation-state").inner_text()
    log_out(page)

    # The enterprise sees 已回复 in its list, which opens the answer.
    log_in(page, "enterprise")
    page.goto("/consultations/")
    row = page.locator(".consultation-row", has_text=SUBJECT)
    row.get_by_role("link", name="已回复").click()
    page.wait_for_load_state()
    assert ANSWER in page.locator(".consultation-answer").inner_text()
    log_out(page)

    # Visitors read it on the department's page: no name, no phone.
    page.goto("/centers/640100/scjg/")
    faq = page.locator(".department-faq")
    expect(faq).to_contain_text(SUBJECT)
    expect(faq).to_contain_text(ANSWER)
    assert "李文静" not in page.content() and "13895012345" not in page.content()
