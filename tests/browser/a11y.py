"""What the accessibility tests share: axe-core run in the page, the skins to run it in, the
main pages and who sees them, a viewer's display choices, and where screenshots go."""

import functools
import json
import os
import re
from contextlib import contextmanager
from pathlib import Path

AXE_DIR = Path(__file__).parent / "vendor" / "axe-core"
ARTIFACTS = Path(os.environ.get("PORTAL_TEST_ARTIFACTS", Path(__file__).parents[1] / "artifacts"))
BLOCKING = ("serious", "critical")

ITEM = "/centers/640100/scjg/xk-scjg-002/"  # 食品经营许可（变更）: 网上办结, with materials

# The main pages: name -> (who looks: None is a visitor; the path, or a function of the page
# returning it, for a page reached from another).
ANONYMOUS_PAGES = {
    "home": "/",
    "center": "/centers/640100/",
    "item": ITEM,
    "search": "/search?q=%E9%A3%9F%E5%93%81",  # 食品
    "announcements": "/announcements/",
    "login": "/login",
    "register": "/register",
    "track": "/track",
}
ENTERPRISE_PAGES = {
    "apply": ITEM + "apply",
    "my filings": "/filings/",
    "appointment form": "/appointments/new",
    "consultation form": "/consultations/new",
    "complaint form": "/complaints/new",
    "messages": "/messages/",
    "my appointments": "/appointments/",
    "my consultations": "/consultations/",
    "my complaints": "/complaints/",
    "notices": "/notices/",
    "offline supplements": "/filings/supplements",
}
REVIEWER_PAGES = {
    "staff queue": "/filings/",
    "appointments (staff)": "/appointments/",
    "evaluations (staff)": "/evaluations/",
}
ADMIN_PAGES = {
    "statistics": "/stats/",
    "statistics form": "/stats/summary",
    "manage": "/manage/",
}


@functools.cache
def axe_source():
    return (AXE_DIR / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(page, impacts=BLOCKING):
    """axe-core's violations of the page as it is now (every rule axe runs by default:
    WCAG 2.0/2.1 A and AA and best practices), those of the given impacts only."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    results = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)"
    )
    return [v for v in results if v["impact"] in impacts]


def describe(violations):
    """One line per violation and node: what a person fixing the template needs."""
    lines = []
    for v in violations:
        for node in v["nodes"][:5]:
            summary = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"  [{v['impact']}] {v['id']}: {node['target']} {summary[:200]}")
        if len(v["nodes"]) > 5:
            lines.append(f"  … and {len(v['nodes']) - 5} more nodes for {v['id']}")
    return "\n".join(lines)


def skin_names(registry):
    """The skins the portal is configured with (only the default before skins exist)."""
    try:
        from ningxia_portal.web.skins import skin_names as configured
    except ImportError:
        return ("blue",)
    return tuple(configured(registry))


def skins_exist():
    try:
        import ningxia_portal.web.skins  # noqa: F401
    except ImportError:
        return False
    return True


def choose_skin(page, base_url, name):
    """Show the page (and the next ones) in skin ``name``: the visitor's cookie, and for a
    logged-in user the header's skin menu (their choice is kept in the profile) when the
    cookie is not what the page shows."""
    page.context.add_cookies([{"name": "portal_skin", "value": name, "url": base_url}])
    page.reload()
    if not skins_exist():
        return
    if page.evaluate("() => document.documentElement.dataset.skin") != name:
        _post_skin_menu(page, name)
    shown = page.evaluate("() => document.documentElement.dataset.skin")
    assert shown == name, f"asked for skin {name!r}, the page shows {shown!r}"


def _post_skin_menu(page, name):
    menu = page.locator("header form:has([name=skin])").first
    field = menu.locator("[name=skin]").first
    with page.expect_navigation():
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(name)
            if menu.locator("[type=submit]").first.is_visible():
                menu.locator("[type=submit]").first.click()
        else:
            menu.locator(f"[name=skin][value='{name}']").click()
    page.wait_for_load_state()


def no_horizontal_scroll(page):
    """How far the page is wider than the window (0: no horizontal scroll), and the
    elements that stick out, for the message."""
    return page.evaluate(
        """() => {
          const over = document.documentElement.scrollWidth - window.innerWidth;
          if (over <= 0) return [0, []];
          const wide = [];
          for (const e of document.querySelectorAll('body *')) {
            const r = e.getBoundingClientRect();
            if (r.right > window.innerWidth + 1 && r.width > 0) {
              wide.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
                (e.className && typeof e.className === 'string'
                  ? '.' + e.className.trim().split(/\\s+/).join('.') : '') +
                ' right=' + Math.round(r.right));
            }
          }
          return [over, wide.slice(0, 8)];
        }"""
    )


def artifact_path(*parts):
    path = ARTIFACTS.joinpath(*parts)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def first_case_path(page):
    """The first case in the viewer's /filings/ list (the demo data has some)."""
    page.goto("/filings/")
    href = page.locator("main a[href*='/filings/']").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    cases = [h for h in href if re.search(r"/filings/\d{6}-\d{8}-\d{6}/?$", h)]
    assert cases, "no case in the list: " + json.dumps(href[:10], ensure_ascii=False)
    return cases[0]


@contextmanager
def demo_portal():
    """The demo portal served by waitress: (the WSGI app, its address). For a module whose
    tests only look at pages."""
    from ningxia_portal import main
    from tests.browser.conftest import serve
    from tests.conftest import DEMO_CENTERS, base_settings

    app = main({}, **base_settings(**{"portal.demo": "true", "portal.demo_centers": DEMO_CENTERS}))
    server = serve(app)
    try:
        yield app, server.application_url.rstrip("/")
    finally:
        server.shutdown()


def first_announcement(page):
    page.goto("/announcements/")
    links = page.locator("main a[href*='/announcements/']:not([href$='.atom'])")
    return links.first.get_attribute("href")


# (name, who looks, path or function of the page returning it): every main page.
MAIN_PAGES = [(name, None, path) for name, path in ANONYMOUS_PAGES.items()]
MAIN_PAGES += [("announcement", None, first_announcement)]
MAIN_PAGES += [(name, "enterprise", path) for name, path in ENTERPRISE_PAGES.items()]
MAIN_PAGES += [("case (enterprise)", "enterprise", first_case_path)]
MAIN_PAGES += [(name, "reviewer", path) for name, path in REVIEWER_PAGES.items()]
MAIN_PAGES += [("case (reviewer)", "reviewer", first_case_path)]
MAIN_PAGES += [(name, "admin", path) for name, path in ADMIN_PAGES.items()]
