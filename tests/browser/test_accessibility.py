"""axe-core on the main pages, in every skin, as the people who use them see them: no
serious or critical violation (WCAG 2.1 A/AA and axe's best practices). Screenshots of home
and an item in each skin are kept under tests/artifacts/screenshots/ (not compared)."""

import pytest

from tests.browser import a11y
from tests.browser.conftest import log_in


@pytest.fixture(scope="module")
def portal():
    """One demo portal for the module: the pages are only looked at."""
    with a11y.demo_portal() as served:
        yield served


@pytest.fixture(scope="module")
def live_server(portal):
    return portal[1]


PAGES = a11y.MAIN_PAGES


@pytest.mark.parametrize(("name", "persona", "path"), PAGES, ids=[p[0] for p in PAGES])
def test_no_serious_violation_in_any_skin(page, portal, name, persona, path):
    app, url = portal
    if persona:
        log_in(page, persona)
    if callable(path):
        path = path(page)
    page.goto(path)
    found = []
    for skin in a11y.skin_names(app.registry):
        a11y.choose_skin(page, url, skin)
        assert page.locator("main h1").count() == 1, f"{name} ({skin}): not exactly one h1"
        violations = a11y.axe_violations(page)
        if violations:
            found.append(f"{name} in skin {skin} ({page.url}):\n{a11y.describe(violations)}")
    assert not found, "\n".join(found)


@pytest.mark.parametrize(("name", "path"), [("home", "/"), ("item", a11y.ITEM)])
def test_screenshots_in_every_skin(page, portal, name, path):
    app, url = portal
    page.goto(path)
    skins = a11y.skin_names(app.registry)
    for skin in skins:
        a11y.choose_skin(page, url, skin)
        for elder in (False, True):
            page.context.add_cookies([{"name": "portal_elder", "value": "1", "url": url}])
            if not elder:
                page.context.clear_cookies(name="portal_elder")
            page.reload()
            suffix = "-elder" if elder else ""
            shot = a11y.artifact_path("screenshots", f"{name}-{skin}{suffix}.png")
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000
