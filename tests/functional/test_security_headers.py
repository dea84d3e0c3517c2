"""The security headers, seen from outside: a page of every domain, public and personal,
kept and fresh, and the error pages, each answers with the whole set (web/headers.py), holds
no inline script for the policy to refuse, and a page that depends on who is logged in is
``Cache-Control: private, no-store`` while a public one seen anonymously is not."""

import html
import re

import pytest
import webtest

from ningxia_portal import main
from ningxia_portal.web.pagecache import get_page_cache
from tests.conftest import DEMO_CENTERS, base_settings, login

ITEM = "/centers/640100/scjg/xk-scjg-001/"
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
SCRIPT_URL = re.compile(r"""(href|src|action|formaction)\s*=\s*["']?\s*javascript:""", re.I)


def directives(res):
    policy = res.headers["Content-Security-Policy"]
    found = {}
    for part in policy.split(";"):
        name, _, value = part.strip().partition(" ")
        found[name] = value.split()
    return found


def assert_secured(res):
    """The whole header set, a policy that runs no inline script, and a body that needs none."""
    policy = directives(res)
    assert policy["script-src"] == ["'self'"], policy
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-eval'" not in res.headers["Content-Security-Policy"]
    assert res.headers["X-Content-Type-Options"] == "nosniff"
    assert res.headers["X-Frame-Options"] == "DENY"
    assert res.headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in res.headers["Permissions-Policy"]
    assert "geolocation=()" in res.headers["Permissions-Policy"]
    assert "Strict-Transport-Security" not in res.headers  # not under development settings
    for name in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"):
        assert len(res.headers.getall(name)) == 1, name
    if res.content_type == "text/html":
        body = res.text
        assert not INLINE_SCRIPT.search(body), INLINE_SCRIPT.search(body).group(0)
        assert not INLINE_HANDLER.search(body), INLINE_HANDLER.search(body).group(0)
        assert not SCRIPT_URL.search(body)


def assert_private(res):
    assert res.headers["Cache-Control"] == "private, no-store", res.request.path_qs


def assert_public(res):
    assert "private" not in res.headers.get("Cache-Control", ""), res.request.path_qs
    assert "no-store" not in res.headers.get("Cache-Control", ""), res.request.path_qs


@pytest.fixture
def anonymous(demo_wsgi_app):
    return webtest.TestApp(demo_wsgi_app)


def demo_user(wsgi_app, name):
    testapp = webtest.TestApp(wsgi_app)
    login(testapp, name, f"{name}1234")
    return testapp


def first_link(res, part):
    """The first link of the page's main part whose address holds ``part``."""
    for a in res.html.select("main a[href]"):
        if part in a["href"] and not a["href"].endswith(("/new", "#answer", ".pdf")):
            return a["href"]
    raise AssertionError(f"no link to {part} on {res.request.path_qs}")


PUBLIC = [
    "/",
    "/centers/",
    "/centers/640100/",
    "/centers/640100/scjg/",
    ITEM,
    "/search?q=%E8%AE%B8%E5%8F%AF",
    "/search?center=640100",
    "/announcements/",
    "/consultations/faq",
    "/stats/public",
]


def test_public_pages_carry_the_headers_and_stay_public_for_visitors(anonymous):
    for url in PUBLIC:
        res = anonymous.get(url)
        assert res.html.select_one("h1"), url
        assert_secured(res)
        assert_public(res)


def test_a_page_that_sets_its_own_caching_keeps_it(anonymous):
    res = anonymous.get("/track")  # the case lookup is never kept, by anyone
    assert_secured(res)
    assert res.headers["Cache-Control"] == "no-store"
    res = anonymous.get("/verify/NO-SUCH-CODE", status=404)  # a notice's check
    assert res.html.select_one("h1")
    assert_secured(res)


def test_a_kept_page_served_again_carries_the_same_headers(demo_wsgi_app, anonymous):
    first = anonymous.get(ITEM)
    cache = get_page_cache(demo_wsgi_app.registry)
    kept = len(cache)
    again = webtest.TestApp(demo_wsgi_app).get(ITEM)
    assert len(cache) == kept  # served from the cache, not rendered again
    assert again.body == first.body
    assert_secured(again)
    assert_public(again)


def test_an_announcement_and_its_list(anonymous):
    url = first_link(anonymous.get("/announcements/"), "/announcements/2")
    res = anonymous.get(url)
    assert_secured(res)
    assert_public(res)


@pytest.mark.parametrize("url", ["/login", "/register"])
def test_forms_holding_the_session_token_are_private_even_to_a_visitor(anonymous, url):
    res = anonymous.get(url)
    assert res.html.select_one("input[name=csrf_token]")["value"]
    assert_secured(res)
    assert_private(res)


def test_static_files_keep_their_caching_and_get_the_headers(demo_wsgi_app):
    enterprise = demo_user(demo_wsgi_app, "enterprise")
    for url in ("/web_static/portal.js", "/deform_static/scripts/deform.js"):
        res = enterprise.get(url)
        assert res.headers["X-Content-Type-Options"] == "nosniff"
        assert "max-age=3600" in res.headers["Cache-Control"]
        assert "no-store" not in res.headers["Cache-Control"]


ENTERPRISE_PAGES = [
    "/",
    ITEM,
    "/search?q=%E8%AE%B8%E5%8F%AF",
    "/announcements/",
    "/profile",
    "/password",
    "/filings/",
    ITEM + "apply",
    "/appointments/",
    "/appointments/new?item=640100/scjg/xk-scjg-001",
    "/consultations/",
    "/consultations/new?department=640100/scjg",
    "/complaints/",
    "/complaints/new?center=640100",
    "/messages/",
    "/notices/",
    "/evaluations/",
]


def test_every_page_of_a_logged_in_enterprise_is_private(demo_wsgi_app):
    enterprise = demo_user(demo_wsgi_app, "enterprise")
    for url in ENTERPRISE_PAGES:
        res = enterprise.get(url)
        assert enterprise.cookies and res.html.select_one(".account-name")
        assert_secured(res)
        assert_private(res)


OWN = (
    "/filings/",
    "/notices/",
    "/appointments/",
    "/consultations/",
    "/complaints/",
    "/evaluations/",
)


def test_an_enterprise_own_objects_are_private(demo_wsgi_app):
    """The first of each list: a case, a notice, an appointment, a consultation, a
    complaint, a rating."""
    enterprise = demo_user(demo_wsgi_app, "enterprise")
    for listing in OWN:
        res = enterprise.get(first_link(enterprise.get(listing), listing))
        assert res.html.select_one("h1"), res.request.path_qs
        assert_secured(res)
        assert_private(res)


def test_json_of_a_logged_in_viewer_is_private(demo_wsgi_app):
    enterprise = demo_user(demo_wsgi_app, "enterprise")
    res = enterprise.get("/filings/", headers={"Accept": "application/json"})
    assert res.content_type == "application/json"
    assert_secured(res)
    assert_private(res)


STAFF_PAGES = {
    "admin": [
        "/manage/",
        "/manage/accounts/",
        "/manage/accounts/add",
        "/manage/accounts/enterprise/",
        "/manage/calendar/",
        "/manage/appointments/",
        "/manage/indexing/",
        "/announcements/@@add",
        "/centers/@@add-center",
    ],
    "reviewer": ["/filings/", "/stats/", "/stats/summary", "/stats/states", "/complaints/"],
    "editor": ["/announcements/@@manage", "/announcements/@@add"],
}


@pytest.mark.parametrize("name", sorted(STAFF_PAGES))
def test_manage_and_staff_pages_are_private(demo_wsgi_app, name):
    staff = demo_user(demo_wsgi_app, name)
    for url in STAFF_PAGES[name]:
        res = staff.get(url)
        assert res.html.select_one("h1"), url
        assert_secured(res)
        assert_private(res)


def test_error_pages_carry_the_headers(demo_wsgi_app, anonymous):
    missing = anonymous.get("/no-such-page/", status=404)
    assert missing.html.select_one("h1")
    assert_secured(missing)
    assert_public(missing)

    refused = anonymous.get("/manage/", status=302)  # a visitor is sent to log in
    assert_secured(refused)

    enterprise = demo_user(demo_wsgi_app, "enterprise")
    for res in (
        enterprise.get("/no-such-page/", status=404),
        enterprise.get("/manage/", status=403),
        # A post without the session's token: the 400 page, nothing changed.
        enterprise.post("/profile", {"title": "x"}, status=400),
    ):
        assert res.html.select_one("h1")
        assert_secured(res)
        assert_private(res)


def test_a_post_answer_and_a_redirect_carry_the_headers(demo_wsgi_app):
    enterprise = demo_user(demo_wsgi_app, "enterprise")
    res = enterprise.get("/").forms["header-logout"].submit()
    assert res.status_int in (302, 303)
    assert_secured(res)
    assert "Strict-Transport-Security" not in res.headers


def test_a_redirect_body_is_one_link_to_where_it_goes(anonymous):
    for accept in ("text/html", "*/*"):
        res = anonymous.get("/manage/audit/?q=<b>&x=1", headers={"Accept": accept}, status=302)
        assert res.content_type == "text/html" and res.charset == "UTF-8"
        link = res.html.select("a")
        assert len(link) == 1 and link[0]["href"] == link[0].text == res.location
        href = html.escape(res.location, quote=True)
        assert res.text == f'<a href="{href}">{href}</a>'  # the note, not Pyramid's page
        assert "<b>" not in res.text
        assert int(res.headers["Content-Length"]) == len(res.body)


def test_hsts_only_when_the_settings_say_so():
    settings = base_settings(
        **{
            "portal.demo": "true",
            "portal.demo_centers": DEMO_CENTERS,
            "portal.hsts": "max-age=31536000; includeSubDomains",
        }
    )
    testapp = webtest.TestApp(main({}, **settings))
    for res in (testapp.get("/"), testapp.get("/nope", status=404), testapp.get("/login")):
        assert res.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
