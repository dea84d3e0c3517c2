"""The complaint journey in a real browser: an enterprise complains with an attachment (the
departments follow the chosen center through the form's script), the handler of the center
takes and replies, the enterprise reads the reply and rates the handling once."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import demo_server_with_blobs, log_in, log_out
from tests.functional.complaints.support import clear_complaints
from tests.unit.filings import samples

SUBJECT = "窗口要求提供清单外材料"


@pytest.fixture
def live_server(tmp_path):
    """The demo portal on a FileStorage with blobs (attachments), served by waitress."""
    with demo_server_with_blobs(tmp_path, clear_complaints) as url:
        yield url


def state(page):
    return page.locator(".complaint-state strong").inner_text()


def test_complain_reply_rate(page, tmp_path):
    (tmp_path / "现场照片.pdf").write_bytes(samples.PDF)

    # The enterprise starts from the home page's 我要投诉.
    log_in(page, "enterprise")
    page.locator(".my-complaints").get_by_role("link", name="我要投诉").click()
    page.wait_for_url(re.compile(r"/complaints/new$"))
    form = page.locator("form#complaint")
    # With the script, the refresh button is hidden and choosing a center fills the
    # departments in place.
    assert not form.locator("button[name=refresh]").is_visible()
    department = form.locator("select[name=department]")
    with page.expect_response(re.compile(r"/centers/640104/departments\.json")):
        form.locator("select[name=center]").select_option("640104")
    expect(department.locator("option")).not_to_have_count(1)
    assert "兴庆区市场监督管理局" in department.locator("option").all_inner_texts()
    with page.expect_response(re.compile(r"/centers/640100/departments\.json")):
        form.locator("select[name=center]").select_option("640100")
    expect(department).to_contain_text("银川市市场监督管理局")
    department.select_option(label="银川市市场监督管理局")
    assert form.locator("input[name=name]").input_value() == "李文静"  # from the profile
    form.locator("input[name=subject]").fill(SUBJECT)
    form.locator("textarea[name=content]").fill("窗口要求提供不在清单内的房屋产权证明原件。")
    form.locator("input[type=file]").first.set_input_files(str(tmp_path / "现场照片.pdf"))
    form.get_by_role("button", name="提交投诉").click()
    page.wait_for_url(re.compile(r"/complaints/\d{8}-[0-9a-f]{8}/$"))
    url = page.url
    assert "将由银川市的投诉处理人员处理" in page.locator(".flash").inner_text()
    assert state(page) == "已受理"
    assert page.locator(".complaint-files a").all_inner_texts() == ["现场照片.pdf"]
    log_out(page)

    # The handler of 银川市 sees it waiting, takes it and replies.
    log_in(page, "handler")
    assert "投诉处理 1 件待办" in page.locator("nav").inner_text().replace("\n", " ")
    page.goto("/complaints/")
    page.get_by_role("link", name=SUBJECT).click()
    page.wait_for_url(url)
    with page.expect_navigation():
        page.locator("form#complaint-take").get_by_role("button", name="受理处理").click()
    assert state(page) == "处理中"
    reply = page.locator("form#complaint-reply")
    reply.locator("textarea[name=comment]").fill("经核实，已要求窗口按清单收取材料。")
    with page.expect_navigation():
        reply.get_by_role("button", name="答复").click()
    assert state(page) == "已答复"
    log_out(page)

    # The enterprise reads the reply from its list and rates the handling, once.
    log_in(page, "enterprise")
    page.goto("/complaints/")
    row = page.locator(".complaint-row", has_text=SUBJECT)
    assert "已答复" in row.inner_text()
    row.get_by_role("link", name=SUBJECT).click()
    page.wait_for_url(url)
    assert page.locator(".complaint-reply").inner_text() == "经核实，已要求窗口按清单收取材料。"
    assert "李投诉" not in page.locator(".complaint-history").inner_text()
    assert "投诉处理人员" in page.locator(".complaint-history").inner_text()
    rate = page.locator("form#complaint-rate")
    rate.get_by_label("满意", exact=True).check()
    rate.locator("textarea[name=comment]").fill("处理及时")
    with page.expect_navigation():
        rate.get_by_role("button", name="提交评价").click()
    assert state(page) == "已办结"
    assert page.locator(".complaint-rating strong").inner_text() == "满意"
    assert page.locator("form#complaint-rate").count() == 0
