"""The filing journey in a real browser: an enterprise files with two uploads, the reviewer
returns it for supplement, the enterprise supplements, the reviewer accepts and completes."""

import re

import pytest

from tests.browser.conftest import demo_server_with_blobs, log_in, log_out
from tests.functional.filings.support import clear_filings
from tests.unit.filings import samples

ITEM = "/centers/640100/scjg/xk-scjg-002/"  # 食品经营许可（变更）: 网上办结, 2 required materials


@pytest.fixture
def live_server(tmp_path):
    """The demo portal on a FileStorage with blobs (uploads), served by waitress."""
    with demo_server_with_blobs(tmp_path, clear_filings) as url:
        yield url


def state(page):
    return page.locator(".case-state strong").inner_text()


def test_file_return_supplement_accept_complete(page, tmp_path):
    for name in ("申请书.pdf", "变更材料.pdf", "变更材料-补正.pdf"):
        (tmp_path / name).write_bytes(samples.PDF)

    # The enterprise files with two uploads.
    log_in(page, "enterprise")
    page.goto(ITEM)
    page.get_by_role("link", name="在线申报").click()
    page.wait_for_url(re.compile(r"/apply$"))
    assert page.locator("input[name=contact]").input_value() == "李文静"  # from the profile
    page.fill("textarea[name=description]", "经营场所地址变更为兴庆区新华东街。")
    uploads = page.locator("form#apply input[type=file]")
    uploads.nth(0).set_input_files(str(tmp_path / "申请书.pdf"))
    uploads.nth(1).set_input_files(str(tmp_path / "变更材料.pdf"))
    page.get_by_role("button", name="提交").click()
    page.wait_for_url(re.compile(r"/filings/640100-\d{8}-\d{6}/$"))
    case_url = page.url
    assert "申报已提交" in page.locator(".flash").inner_text()
    assert state(page) == "已提交，待预审"
    assert page.locator(".case-files a").all_inner_texts() == ["申请书.pdf", "变更材料.pdf"]
    log_out(page)

    # The reviewer finds it in the work queue and returns it for supplement.
    log_in(page, "reviewer")
    page.goto("/filings/")
    page.get_by_role("link", name=case_url.split("/")[-2]).click()
    form = page.locator("form#transition-return")
    form.locator("select").nth(1).select_option("insufficient")
    form.locator("input[name=note]").nth(1).fill("变更材料缺少股东会决议页")
    form.locator("textarea[name=comment]").fill("请一次性补正变更材料")
    with page.expect_navigation():  # posts from the case page back to the case page
        form.get_by_role("button", name="退回补正（一次性告知）").click()
    page.wait_for_url(case_url)
    assert state(page) == "待补正材料"
    log_out(page)

    # The enterprise supplements the material, replacing the earlier file.
    log_in(page, "enterprise")
    page.goto(case_url)
    assert "请一次性补正变更材料" in page.locator(".case-reply").inner_text()
    page.get_by_role("link", name="补充材料").click()
    assert "变更材料缺少股东会决议页" in page.locator(".supplement-materials").inner_text()
    page.locator("form#supplement input[type=file]").nth(1).set_input_files(
        str(tmp_path / "变更材料-补正.pdf")
    )
    page.locator("form#supplement input[type=checkbox][name='1']").check()  # replace it
    page.get_by_role("button", name="提交补正材料").click()
    page.wait_for_url(case_url)
    assert state(page) == "已提交，待预审"
    assert "变更材料-补正.pdf" in page.locator(".case-materials").inner_text()
    assert "已替换" in page.locator(".file-replaced").inner_text()
    log_out(page)

    # The reviewer pre-reviews, accepts and completes it.
    log_in(page, "reviewer")
    for button, expected in (
        ("预审通过", "预审通过"),
        ("受理", "已受理"),
        ("办结（准予许可）", "已办结"),
    ):
        page.goto(case_url)
        with page.expect_navigation():  # from the case page back to it: wait for the POST
            page.locator(".case-transition").get_by_role("button", name=button, exact=True).click()
        page.wait_for_url(case_url)
        assert state(page) == expected
    assert page.locator(".case-transition").count() == 0
    page.get_by_role("link", name="办结通知书").click()
    assert "办结通知书" in page.locator("h1").inner_text()
