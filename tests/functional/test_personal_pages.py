"""Kept pages and headers for logged-in viewers (web/personal.py, web/pagecache.py): each
viewer sees only their own name, token, counts, blocks and actions, in one process and in
two that share a database, and a change of roles shows on the next request everywhere."""

import pytest
import transaction
import webtest
import ZEO

from ningxia_portal import main
from ningxia_portal.core.root import APP_ROOT_KEY, get_database
from ningxia_portal.web.pagecache import get_page_cache
from ningxia_portal.web.personal import shared_rendering
from tests.conftest import (
    DEMO_CENTERS,
    PERSONAS,
    base_settings,
    create_personas,
    login,
    persona_password,
)
from tests.functional.consultations.support import ask
from tests.functional.filings.support import fill_apply, required_uploads

ITEM = "/centers/640100/scjg/xk-scjg-001/"
CENTER = "/centers/640100/"
SHARED = ["/", ITEM, "/search?q=%E8%AE%B8%E5%8F%AF", CENTER, "/announcements/"]


@pytest.fixture
def demo_wsgi_app(blob_wsgi_app):
    """Cases hold files: the personas' portal keeps blobs."""
    return blob_wsgi_app


def persona(wsgi_app, name):
    testapp = webtest.TestApp(wsgi_app)
    login(testapp, PERSONAS[name]["username"], persona_password(name))
    return testapp


def header(res):
    """(name shown, the header's CSRF token, the navigation's links and counts)."""
    name = res.html.select_one(".account-name").text
    token = res.html.select_one("#header-logout input[name=csrf_token]")["value"]
    nav = [a.get_text(" ", strip=True) for a in res.html.select(".site-nav a")]
    return name, token, nav


def session_token(testapp):
    """The session's own CSRF token, as a page rendered for it alone carries it."""
    return testapp.get("/profile").forms["profile"]["csrf_token"].value


def file_case(testapp):
    form = testapp.get(ITEM + "apply").forms["apply"]
    fill_apply(form, required_uploads(len(form.fields["upload"])))
    res = form.submit("submit")
    assert res.status_int == 303
    return res.location.rstrip("/").rpartition("/")[2]


def waiting(res, title):
    """The count beside the navigation's link ``title`` (0 without a badge)."""
    for a in res.html.select(".site-nav a"):
        if a.get_text(strip=True).startswith(title):
            badge = a.select_one(".nav-count")
            return int(badge.text.split()[0]) if badge is not None else 0
    raise AssertionError(f"no link {title}")


def home_cases(res):
    block = res.html.select_one(".home-block-my_filings")
    return block.get_text(" ", strip=True) if block is not None else ""


def test_viewers_in_turn_each_see_their_own_header_on_kept_pages(as_persona, demo_wsgi_app):
    a, b, reviewer = as_persona("enterprise_a"), as_persona("enterprise_b"), as_persona("reviewer")
    tokens = {who: session_token(app) for who, app in (("a", a), ("b", b), ("r", reviewer))}
    cache = get_page_cache(demo_wsgi_app.registry)
    for path in SHARED:
        for _round in range(2):  # the second round is served from the kept pages
            for who, app, title in (
                ("a", a, "宁夏塞上粮油有限公司"),
                ("b", b, "银川凤城商贸有限公司"),
                ("r", reviewer, "刘窗口"),
            ):
                name, token, nav = header(app.get(path))
                assert name == title and token == tokens[who]
                assert ("我的申报" in nav) == (who != "r") and ("待办件" in nav) == (who == "r")
    # Both enterprises were served one kept page per address; the reviewer another. No
    # cache on the way may keep what a logged-in viewer got.
    assert len(cache) == 2 * len(SHARED)
    assert a.get(ITEM).headers["Cache-Control"] == "private, no-store"
    # The header's token is the session's: the logout form works for each of them.
    for app in (a, b, reviewer):
        app.get(ITEM).forms["header-logout"].submit().follow()
        assert app.get(ITEM).html.select_one(".account-name") is None


def test_actions_and_home_blocks_follow_the_viewer(as_persona):
    a, b, reviewer = as_persona("enterprise_a"), as_persona("enterprise_b"), as_persona("reviewer")
    for app in (a, b, reviewer):  # every page kept before anything changes
        app.get("/")
    case_no = file_case(a)
    assert case_no in home_cases(a.get("/"))
    assert case_no not in b.get("/").text and case_no not in reviewer.get("/").text
    assert b.get("/").html.select_one(".home-block-my_filings") is not None
    assert reviewer.get("/").html.select_one(".home-block-my_filings") is None
    # The case is in the reviewer's queue and the owner's list, not in the other's; the
    # counts in the enterprises' headers are none (they wait for nothing).
    assert case_no in reviewer.get("/filings/").text and case_no in a.get("/filings/").text
    assert case_no not in b.get("/filings/").text
    assert "待办" not in " ".join(header(a.get(ITEM))[2] + header(b.get(ITEM))[2])
    # Enterprises may apply on the item page; the reviewer may not.
    assert a.get(ITEM).html.select_one(".item-action-apply") is not None
    assert reviewer.get(ITEM).html.select_one(".item-action-apply") is None


def test_a_shared_rendering_decides_as_the_audience_not_the_user(as_persona, demo_wsgi_app):
    """While a page is rendered to be kept, the viewer's own principal grants nothing: an
    owned object's permission can't be decided for the whole audience."""
    from pyramid.request import Request
    from pyramid.scripting import prepare

    a = as_persona("enterprise_a")
    cookie = "; ".join(f"{c.name}={c.value}" for c in a.cookiejar)
    request = Request.blank("/", headers={"Cookie": cookie})
    env = prepare(request=request, registry=demo_wsgi_app.registry)
    try:
        own = "user:" + PERSONAS["enterprise_a"]["username"]
        assert own in request.effective_principals
        with shared_rendering(request):
            assert own not in request.effective_principals
            assert "role:enterprise" in request.effective_principals
        assert own in request.effective_principals
    finally:
        env["closer"]()


def test_a_flash_message_is_shown_once_and_never_kept(as_persona):
    a, b = as_persona("enterprise_a"), as_persona("enterprise_b")
    a.get(CENTER), b.get(CENTER)
    ask(a)  # says so in a flash message on the next page
    assert a.get(CENTER).html.select(".flash")
    assert not a.get(CENTER).html.select(".flash")
    assert not b.get(CENTER).html.select(".flash")


@pytest.fixture
def two_processes(tmp_path):
    """Two portal applications on one ZEO server, each with its own caches and database
    connection pool, as two processes have. Each client makes a round trip to the server
    when a transaction begins (ZEO's ``server_sync``), so it sees every commit of the other
    on its next request."""
    blobs = tmp_path / "blobs"
    address, stop = ZEO.server(path=str(tmp_path / "Data.fs"), blob_dir=str(blobs))
    host, port = address
    settings = base_settings(
        **{
            "zodbconn.uri": f"zeo://{host}:{port}?blob_dir={blobs}&shared_blob_dir=1",
            "portal.demo": "true",
            "portal.demo_centers": DEMO_CENTERS,
            "portal.page_cache_entries": "1000",
        }
    )
    apps = []
    try:
        for _ in range(2):
            app = main({}, **settings)
            storage = get_database(app.registry).storage
            storage.server_sync = True
            storage.sync = storage.ping
            apps.append(app)
        create_personas(apps[0])
        yield apps
    finally:
        for app in apps:
            get_database(app.registry).close()
        stop()


def test_two_processes_show_each_viewer_their_own_and_follow_a_revoked_role(two_processes):
    first, second = two_processes
    a1, a2 = persona(first, "enterprise_a"), persona(second, "enterprise_a")
    b2 = persona(second, "enterprise_b")
    reviewer1, reviewer2 = persona(first, "reviewer"), persona(second, "reviewer")
    editor1, editor2 = persona(first, "editor"), persona(second, "editor")
    for app in (a1, a2, b2, reviewer1, reviewer2, editor1, editor2):
        app.get("/"), app.get(CENTER)  # kept in both processes

    # A case filed in the first process is on the enterprise's home page in the second …
    case_no = file_case(a1)
    assert case_no in home_cases(a2.get("/"))
    # … and nobody else's, in either.
    assert case_no not in b2.get("/").text and case_no not in editor2.get("/").text
    # The reviewer's queue in the other process has it; the other enterprise's list and
    # header don't, and each shows its own name and actions.
    assert case_no in reviewer2.get("/filings/").text
    assert case_no not in b2.get("/filings/").text
    assert header(reviewer2.get(CENTER))[0] == "刘窗口"
    # A question asked in the first process is counted at once in the reviewer's header in
    # the second (the links are kept per viewer and version of what they count).
    before = waiting(reviewer2.get(CENTER), "咨询答复")
    assert waiting(reviewer1.get(CENTER), "咨询答复") == before
    ask(a1)
    assert waiting(reviewer2.get(CENTER), "咨询答复") == before + 1
    assert waiting(reviewer2.get("/filings/"), "咨询答复") == before + 1
    assert reviewer2.get(ITEM).html.select_one(".item-action-apply") is None
    assert a2.get(ITEM).html.select_one(".item-action-apply") is not None
    assert "待办" not in " ".join(header(b2.get(CENTER))[2])
    assert header(b2.get(CENTER))[0] == "银川凤城商贸有限公司"
    assert header(a2.get(CENTER))[0] == "宁夏塞上粮油有限公司"
    # The editor manages the center in both processes until the role is revoked in one.
    assert editor2.get(CENTER).html.select_one(".manage-bar") is not None
    db = get_database(first.registry)
    conn = db.open()
    try:
        user = conn.root()[APP_ROOT_KEY]["principals"][PERSONAS["editor"]["username"]]
        user.roles = ()
        transaction.commit()
    finally:
        transaction.abort()
        conn.close()
    assert editor2.get(CENTER).html.select_one(".manage-bar") is None
    assert editor1.get(CENTER).html.select_one(".manage-bar") is None
    # Enterprises' kept pages in the second process are unaffected by the change.
    assert header(a2.get(CENTER))[0] == "宁夏塞上粮油有限公司"
