"""The main pages in a real browser, each as the user it is for: none raises a JavaScript
error or logs one (the autouse ``page_errors`` fixture fails the test on any), and the
limit of a form's sequence applies in the browser."""

import re

import pytest

from tests.browser.conftest import demo_server_with_blobs, log_in, log_out

ITEM = "/centers/640100/scjg/xk-scjg-001/"  # 食品经营许可（新办）
MAX_FILES = 3  # portal.upload_max_files on this server


@pytest.fixture
def live_server(tmp_path):
    """The demo portal with its filings (they need blobs), a small per-filing file limit."""
    with demo_server_with_blobs(tmp_path, **{"portal.upload_max_files": str(MAX_FILES)}) as url:
        yield url


def visit(page, path, expect=None):
    response = page.goto(path)
    assert response.status == 200, f"{path}: {response.status}"
    page.wait_for_load_state("load")
    if expect is not None:
        assert expect in page.locator("main").inner_text(), path


def test_the_main_pages_raise_no_error(page, page_errors):
    for path, expect in (
        ("/", "事项分类"),
        (ITEM, "申请材料"),
        ("/search?q=许可", "许可"),
        ("/announcements/", None),
        ("/login", None),
        ("/register", None),
    ):
        visit(page, path, expect)

    log_in(page, "enterprise")
    for path in (
        "/profile",
        ITEM + "apply",
        "/filings/",
        "/appointments/new",
        "/consultations/new",
        "/complaints/new",
    ):
        visit(page, path)
    visit(page, "/filings/supplements", "离线材料补充")
    page.locator(".supplement-needed a").first.click()
    page.wait_for_url(re.compile(r"/supplement$"))
    assert page.locator("form#supplement").count() == 1
    case = page.url.rsplit("/", 1)[0] + "/"
    visit(page, case)
    log_out(page)

    log_in(page, "reviewer")
    visit(page, "/filings/", "待办件")
    visit(page, case)
    log_out(page)

    log_in(page, "admin")
    for path in (
        "/manage/",
        "/manage/accounts/",
        "/manage/catalogue/",
        "/manage/calendar/",
        "/manage/indexing/",
        "/manage/appointments/",
    ):
        visit(page, path)
    assert page_errors.seen == []


def test_a_material_offers_no_more_slots_than_the_limit(page):
    log_in(page, "enterprise")
    page.goto(ITEM + "apply")
    material = page.locator("form#apply .deform-seq").nth(1)
    add = material.locator(".deform-seq-add")
    assert material.locator("input[type=file]").count() == 1
    for slots in range(2, MAX_FILES + 1):
        add.click()
        assert material.locator("input[type=file]").count() == slots
    assert add.is_hidden()  # deform's callback applies the limit: no fourth slot
    assert page.locator("form#apply .deform-seq").nth(0).locator(".deform-seq-add").is_visible()
