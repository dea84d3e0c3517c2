"""The Content-Security-Policy in a real browser: the main pages' scripts (all in files) run
under it and none is refused. Every ``securitypolicyviolation`` event a page fires is
recorded and fails the test, as does any console error (the conftest's watch): the region
picker, the search's center, the complaint's dependent department choices, a material's
upload, the notice's print button, deform's date input and sequence buttons and the
statistics charts all still work."""

import re

import pytest

from tests.browser.conftest import demo_server_with_blobs, log_in, log_out
from tests.unit.filings import samples

RECORD = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI + " " + e.sourceFile + ":" +
                    e.lineNumber);
});
"""
ITEM = "/centers/640100/scjg/xk-scjg-002/"  # 2 required materials


@pytest.fixture
def live_server(tmp_path):
    with demo_server_with_blobs(tmp_path) as url:  # uploads are kept as blobs
        yield url


@pytest.fixture
def watched(page):
    page.add_init_script(RECORD)
    return page


def no_violation(page):
    """Nothing the page did so far was refused (checked before leaving it)."""
    assert page.evaluate("window.__csp") == [], page.url


def visit(page, url):
    response = page.goto(url)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    no_violation(page)
    return response


def test_public_pages_scripts_run_under_the_policy(watched, page_errors):
    page = watched
    visit(page, "/centers/640100/")
    assert not page.locator(".region-submit").is_visible()  # portal.js hid it
    with page.expect_navigation(url=re.compile(r"/centers/640100/$"), wait_until="load"):
        page.select_option("#region-select", "640104")  # submitted on change
    assert page.locator("#region-select").input_value() == "640104"
    no_violation(page)

    # What an injected inline script would meet: refused, and reported.
    page.evaluate(
        """() => { const s = document.createElement("script");
                   s.textContent = "window.__ran = true"; document.body.appendChild(s); }"""
    )
    page.wait_for_function("window.__csp.length > 0")
    assert page.evaluate("window.__ran") is None
    assert page.evaluate("window.__csp")[0].startswith("script-src")
    page_errors.clear()  # the browser's console error about it, provoked on purpose

    visit(page, "/search?center=640100")
    with page.expect_navigation(url=re.compile(r"center=640104"), wait_until="load"):
        page.select_option("#search-center", "640104")  # the form is sent again
    assert "center=640104" in page.url
    assert page.locator("#search-department").input_value() == ""
    no_violation(page)


def test_an_enterprise_forms_upload_and_notice_work_under_the_policy(watched, tmp_path):
    page = watched
    log_in(page, "enterprise")
    no_violation(page)

    # The complaint's departments follow its center (catalogue's cascade.js, by fetch).
    visit(page, "/complaints/new?center=640100")
    department = page.locator("form#complaint select[name=department]")
    before = department.locator("option").all_inner_texts()
    page.locator("form#complaint select[name=center]").select_option("640104")
    page.wait_for_function(
        "([select, before]) => select.options.length > 1 && "
        "Array.from(select.options).map(o => o.text).join() !== before.join()",
        arg=[department.element_handle(), before],
    )
    no_violation(page)

    # A material's file is sent ahead with its progress (filings' uploads.js).
    visit(page, ITEM + "apply")
    (tmp_path / "申请书.pdf").write_bytes(samples.PDF + b"x" * 20000)
    page.locator("form#apply input[type=file]").first.set_input_files(str(tmp_path / "申请书.pdf"))
    bar = page.locator("form#apply .multi-upload progress").first
    page.wait_for_function("bar => bar.value === 100", arg=bar.element_handle())
    no_violation(page)

    # The notice's print button (portal.js, no onclick).
    visit(page, "/notices/")
    href = page.locator("main a[href*='/notices/']:not([href$='.pdf'])").first.get_attribute("href")
    visit(page, href)
    page.evaluate("() => { window.print = () => { window.__printed = true; }; }")
    page.locator(".notice-print").click()
    assert page.evaluate("window.__printed") is True
    no_violation(page)


def test_deform_widgets_and_charts_work_under_the_policy(watched):
    page = watched
    log_in(page, "editor")
    # deform's date input: a data attribute for portal.js, no inline script.
    visit(page, "/announcements/@@add")
    date = page.locator("input[data-deform-date]")
    assert date.get_attribute("type") == "date"
    date.fill("2026-03-01")
    assert date.input_value() == "2026-03-01"
    no_violation(page)

    # An orderable sequence: its add and remove buttons (portal.js), without onclick.
    visit(page, "/centers/640104/scjg/@@add-item")
    items = page.locator(".deform-seq-item")
    count = items.count()
    page.locator(".deform-seq-add").click()
    page.locator(".deform-seq-add").click()
    assert items.count() == count + 2
    assert page.url.endswith("@@add-item")  # the link's "#" was not followed
    items.last.locator(".deform-close-button").click()
    assert items.count() == count + 1
    no_violation(page)
    log_out(page)

    # The statistics charts: inline SVG with their <style>, drawn and visible.
    log_in(page, "admin")
    visit(page, "/stats/summary")
    charts = page.locator("figure.stats-chart svg[role=img]")
    assert charts.count() == 2
    box = charts.first.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 100
    # The chart's own <style> applies (style-src allows it): the palette's first colour.
    fill = charts.first.evaluate(
        "svg => getComputedStyle(svg.querySelector('.color-0 rect.reactive')).fill"
    )
    assert fill == "rgb(47, 111, 222)"
    no_violation(page)
