"""Journeys with the keyboard alone (Tab, Enter, Space on a file input, and typing into a
field): logging in, finding an item, filing with uploads. Every element reached shows
where the focus is, and the first Tab of a page offers the skip link."""

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser import a11y
from tests.browser.conftest import demo_server_with_blobs
from tests.functional.filings.support import clear_filings
from tests.unit.filings import samples

MAX_TABS = 120

FOCUS_SHOWN = """() => {
  const e = document.activeElement, s = getComputedStyle(e);
  return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
}"""


def tab_to(page, selector):
    """Press Tab until the focused element matches ``selector``; the focus must be shown
    on it. Fails when a whole round of the page does not reach it."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            assert page.evaluate(FOCUS_SHOWN), f"no visible focus on {selector} at {page.url}"
            return
    raise AssertionError(f"{selector} not reached with Tab on {page.url}")


def enter_and_wait(page, url_pattern):
    with page.expect_navigation(url=re.compile(url_pattern)):
        page.keyboard.press("Enter")


def keyboard_log_in(page, username):
    page.goto("/")
    tab_to(page, "header a[href$='/login']")
    enter_and_wait(page, r"/login")
    tab_to(page, "input[name=login]")
    page.keyboard.type(username)
    tab_to(page, "input[name=password]")
    page.keyboard.type(f"{username}1234")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_skip_link_is_the_first_stop_and_goes_to_the_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.classList.contains('skip-link')")
    assert page.evaluate(FOCUS_SHOWN) or page.locator(".skip-link").is_visible()
    assert page.locator(".skip-link").is_visible()  # shown while it has the focus
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    page.keyboard.press("Tab")  # the next stop is inside the content, not the header
    assert page.evaluate("() => !!document.activeElement.closest('main')")


def test_log_in_with_the_keyboard(page):
    keyboard_log_in(page, "enterprise")
    assert page.locator("#header-logout button").is_visible()
    assert page.locator("header .account-name").inner_text() == "宁夏贺兰山食品有限公司"


def test_find_an_item_with_the_keyboard(page):
    page.goto("/")
    tab_to(page, "header a[href$='/search']")
    enter_and_wait(page, r"/search")
    tab_to(page, "main input[name=q]")
    page.keyboard.type("食品经营许可")
    enter_and_wait(page, r"/search\?")
    tab_to(page, f"main a[href$='{a11y.ITEM}']")
    enter_and_wait(page, re.escape(a11y.ITEM) + "$")
    assert page.locator("h1").inner_text().startswith("食品经营许可（变更）")


@pytest.fixture
def live_server(tmp_path):
    """The demo portal on a FileStorage with blobs (uploads), served by waitress."""
    with demo_server_with_blobs(tmp_path, clear_filings) as url:
        yield url


def open_file_chooser(page, selector, attempts=3):
    """Tab to the file input ``selector`` and press Space: its file chooser. A busy machine
    may redraw the form just as the previous upload ends and take the focus with it; a user
    would tab back and press again, and so does this (a few times, then it fails)."""
    for _attempt in range(attempts):
        tab_to(page, selector)
        try:
            with page.expect_file_chooser(timeout=10_000) as chooser:
                page.keyboard.press("Space")
        except PlaywrightTimeoutError:
            continue
        return chooser.value
    raise AssertionError(f"Space on {selector} never opened the file chooser")


def test_file_with_uploads_with_the_keyboard(page, tmp_path):
    files = [tmp_path / "申请书.pdf", tmp_path / "变更材料.pdf"]
    for path in files:
        path.write_bytes(samples.PDF)

    keyboard_log_in(page, "enterprise")
    page.goto(a11y.ITEM)
    tab_to(page, "main a[href$='/apply']")
    enter_and_wait(page, r"/apply$")

    tab_to(page, "textarea[name=description]")
    page.keyboard.type("经营场所地址变更为兴庆区新华东街。")
    # The required materials: on each file input, Space opens the file chooser. Each input
    # is named by its place in the form, not by where the focus is once a file is chosen:
    # the focus may have left the input by then, and a second file would go to the first
    # material again (the form then comes back asking for the second).
    page.evaluate(
        """() => document.querySelectorAll('form#apply input[type=file]')
                 .forEach((input, n) => input.setAttribute('data-kbd-n', n))"""
    )
    done = page.locator("form#apply .upload-done")
    for n, path in enumerate(files):
        selector = f"form#apply input[type=file][data-kbd-n='{n}']"
        open_file_chooser(page, selector).set_files(str(path))
        done.nth(n).wait_for()  # sent to the stash (the submit button waits for it)

    tab_to(page, "form#apply button[name=submit]")  # past 暂存 (save a draft)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    problems = page.locator("form#apply .alert-danger, .invalid-feedback").all_inner_texts()
    assert re.search(r"/filings/640100-\d{8}-\d{6}/$", page.url), (page.url, problems)
    assert "申报已提交" in page.locator(".flash").inner_text()
    assert page.locator(".case-files a").all_inner_texts() == ["申请书.pdf", "变更材料.pdf"]
