"""Every main page on a phone (375 px wide) and at 200% zoom (a 1280 px window zoomed to
640 CSS px): nothing is wider than the window, so no one scrolls sideways to read a line
(WCAG 1.4.10 Reflow)."""

import pytest

from tests.browser import a11y
from tests.browser.conftest import log_in

VIEWS = {
    "phone 375px": {"viewport": {"width": 375, "height": 740}, "device_scale_factor": 2},
    "zoom 200%": {"viewport": {"width": 640, "height": 450}, "device_scale_factor": 2},
}
PERSONAS = (None, "enterprise", "reviewer", "admin")


@pytest.fixture(scope="module")
def portal():
    with a11y.demo_portal() as served:
        yield served


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p or "visitor")
@pytest.mark.parametrize("view", VIEWS)
def test_no_horizontal_scroll(browser, portal, view, persona):
    app, url = portal
    context = browser.new_context(locale="zh-CN", base_url=url, **VIEWS[view])
    page = context.new_page()
    try:
        if persona:
            log_in(page, persona)
        wide = []
        for elder in (False, True):  # 长者模式: its bigger text must reflow too
            if elder:
                context.add_cookies([{"name": "portal_elder", "value": "1", "url": url}])
            for name, who, path in a11y.MAIN_PAGES:
                if who != persona:
                    continue
                page.goto(path(page) if callable(path) else path)
                over, elements = a11y.no_horizontal_scroll(page)
                if over > 0:
                    mode = " elder" if elder else ""
                    wide.append(f"{name}{mode} ({page.url}): {over}px too wide: {elements}")
        assert not wide, "\n".join(wide)
    finally:
        context.close()
