"""Shared fixtures: the real app (the same ``main()``) on a fresh in-memory database.

Apps: ``registry`` (the configured registry, current, for unit tests; ``new_portal(registry)``
evolves an empty root with it), ``app`` (empty portal), ``demo_app`` / ``demo_wsgi_app``
(demo data of DEMO_CENTERS, with the demo accounts admin, editor, reviewer, enterprise,
password ``<name>1234``),
``open_root`` (read the database outside a request). The clock is a FrozenClock: move it
with ``get_clock(wsgi_app.registry).advance(minutes=16)``. Passwords use the cheap
``fast`` argon2 profile.

Accounts, for every domain's tests:

* ``create_user(wsgi_app, username, password=None, kind="enterprise", roles=None,
  grants=(), **attributes)`` adds an account straight into the database (the password
  defaults to ``<username>1234``) and returns the username;
* ``login(testapp, login, password, came_from=None)`` logs in through the real /login form
  and returns the page it lands on; ``logout(testapp)`` posts the header's logout form;
* ``PERSONAS``: enterprise_a, enterprise_b (enterprises with valid credit codes),
  reviewer (reviewer of 640100/scjg), other_reviewer (reviewer of 640104/sw), editor
  (portal-wide), admin. ``create_personas(wsgi_app)`` adds them all;
* fixtures ``enterprise_a_app``, ``enterprise_b_app``, ``reviewer_app``,
  ``other_reviewer_app``, ``editor_app``, ``admin_app``: a TestApp logged in as that
  persona on ``demo_wsgi_app`` (all share one database, each has its own cookies);
  ``as_persona(name)`` makes one more (None → anonymous).
"""

from contextlib import contextmanager
from urllib.parse import quote

import pytest
import transaction
import webtest
from pyramid.threadlocal import manager

from ningxia_portal import configure, main
from ningxia_portal.accounts.resources import KIND_ENTERPRISE, KIND_STAFF, User
from ningxia_portal.core.root import APP_ROOT_KEY, get_database
from ningxia_portal.security.passwords import get_passwords

# The centers the demo fixture loads: the region, a city and one of its districts keep
# every test fast while still covering all three levels.
DEMO_CENTERS = "640000 640100 640104"


# Under pytest-xdist (``make test`` runs a worker per core, ``--dist loadgroup``): the tests
# that start servers of their own (several portal processes, ZEO, PostgreSQL) run on one
# worker, one after another, so that two of them never share the cores at once; the browser
# tests run on one worker, which starts Chromium once.
# The fixtures that start them (item.fixturenames holds every fixture a test uses, those of
# its fixtures too); a test that starts one itself says so with the group's mark.
SERVER_FIXTURES = {"postgres", "processes", "zeo"}


@pytest.hookimpl(tryfirst=True)  # before xdist's own, which reads the marks into node ids
def pytest_collection_modifyitems(config, items):
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if item.get_closest_marker("multiprocess") or fixtures & SERVER_FIXTURES:
            item.add_marker(pytest.mark.xdist_group("servers"))
        elif "browser" in item.path.parts:
            item.add_marker(pytest.mark.xdist_group("browser"))


def base_settings(**overrides):
    settings = {
        "zodbconn.uri": "memory://",
        "portal.secret": "test-secret-not-for-production",
        "portal.demo": "false",
        "pyramid.default_locale_name": "zh_CN",
        "retry.attempts": "3",
        "portal.password_hasher": "fast",  # cheap argon2: the tuned one costs ~25 ms a hash
        "portal.clock": "ningxia_portal.core.clock.FrozenClock",
        # The message box only; the mail tests (tests/functional/messages/) turn smtp on.
        "portal.mail": "off",
        # Staff personas log in with the password alone (test_second_factor.py turns it on).
        "portal.require_second_factor": "false",
    }
    settings.update(overrides)
    return settings


@pytest.fixture
def settings():
    return base_settings()


@contextmanager
def portal_registry(settings=None):
    """The application's registry (every package configured, nothing served), current —
    as a console script has it: for unit tests that build a root and its catalog."""
    config = configure(settings or base_settings())
    config.commit()
    manager.push({"registry": config.registry, "request": None})
    try:
        yield config.registry
    finally:
        manager.pop()
        get_database(config.registry).close()


@pytest.fixture
def registry(settings):
    """``portal_registry`` for one test."""
    with portal_registry(settings) as found:
        yield found


def new_portal(registry):
    """An empty Portal evolved through every step (not committed: no database needed)."""
    from ningxia_portal.core import evolve
    from ningxia_portal.core.root import Portal

    root = Portal()
    evolve.evolve(root, registry, commit=False)
    return root


@pytest.fixture
def wsgi_app(settings):
    return main({}, **settings)


@pytest.fixture
def app(wsgi_app):
    """A WebTest client on an empty portal (top-level containers only)."""
    return webtest.TestApp(wsgi_app)


@pytest.fixture
def demo_settings():
    return base_settings(**{"portal.demo": "true", "portal.demo_centers": DEMO_CENTERS})


@pytest.fixture
def demo_wsgi_app(demo_settings):
    return main({}, **demo_settings)


@pytest.fixture
def demo_app(demo_wsgi_app):
    """A WebTest client on a portal with the demo data of DEMO_CENTERS."""
    return webtest.TestApp(demo_wsgi_app)


@pytest.fixture
def blob_settings(tmp_path):
    """Demo settings on a FileStorage with a blob directory (memory:// can't hold blobs)."""
    uri = f"file://{tmp_path}/Data.fs?blobstorage_dir={tmp_path}/blobs"
    return base_settings(
        **{"zodbconn.uri": uri, "portal.demo": "true", "portal.demo_centers": DEMO_CENTERS}
    )


@pytest.fixture
def blob_wsgi_app(blob_settings):
    app = main({}, **blob_settings)
    yield app
    get_database(app.registry).close()


@pytest.fixture
def blob_app(blob_wsgi_app):
    """A WebTest client on demo data whose storage supports blobs (uploads, attachments)."""
    return webtest.TestApp(blob_wsgi_app)


@contextmanager
def app_registry(wsgi_app):
    """Make the app's registry current, as a console script does: what a test adds to the
    database outside a request then reaches the app's subscribers (the catalog)."""
    manager.push({"registry": wsgi_app.registry, "request": None})
    try:
        yield wsgi_app.registry
    finally:
        manager.pop()


@contextmanager
def committing(wsgi_app):
    """The app's root in a transaction of its own, committed at the end (arrange data)."""
    with app_registry(wsgi_app), get_database(wsgi_app.registry).transaction() as conn:
        yield conn.root()[APP_ROOT_KEY]


class RootAccess:
    """Open the app's database outside a request, to assert what it holds."""

    def __init__(self, wsgi_app):
        self.db = get_database(wsgi_app.registry)
        self.registry = app_registry(wsgi_app)

    def __enter__(self):
        self.registry.__enter__()
        self.tm = transaction.TransactionManager()
        self.conn = self.db.open(transaction_manager=self.tm)
        return self.conn.root()[APP_ROOT_KEY]

    def __exit__(self, *exc):
        self.tm.abort()
        self.conn.close()
        self.registry.__exit__(*exc)


@pytest.fixture
def open_root():
    return RootAccess


def create_user(
    wsgi_app, username, password=None, kind=KIND_ENTERPRISE, roles=None, grants=(), **attributes
):
    """Add an account to the app's database directly; returns its username."""
    passwords = get_passwords(wsgi_app.registry)
    with committing(wsgi_app) as root:
        principals = root["principals"]
        user = User(username, passwords.hash(password or f"{username}1234"), kind=kind)
        if roles is not None:
            user.roles = tuple(roles)
        user.grants = tuple(grants)
        for key, value in attributes.items():
            setattr(user, key, value)
        principals.add_user(user)
    return user.username


def login(testapp, login, password, came_from=None):
    """Log in through the real /login form; returns the page the redirect lands on."""
    url = "/login" + (f"?came_from={quote(came_from, safe='')}" if came_from else "")
    form = testapp.get(url).forms["login"]
    form["login"] = login
    form["password"] = password
    res = form.submit("submit")
    assert res.status_int == 302, res.html.select_one(".alert, .invalid-feedback, .error")
    return res.follow()


def logout(testapp):
    """Post the header's logout form; returns the home page it lands on."""
    return testapp.get("/").forms["header-logout"].submit().follow()


PERSONAS = {
    "enterprise_a": {
        "username": "qiye_a",
        "kind": KIND_ENTERPRISE,
        "title": "宁夏塞上粮油有限公司",
        "credit_code": "91640104MA76AB0C1M",
    },
    "enterprise_b": {
        "username": "qiye_b",
        "kind": KIND_ENTERPRISE,
        "title": "银川凤城商贸有限公司",
        "credit_code": "91640100MA76CD1E2L",
    },
    "reviewer": {
        "username": "shen_scjg",
        "kind": KIND_STAFF,
        "title": "刘窗口",
        "grants": (("reviewer", "640100/scjg"),),
    },
    "other_reviewer": {
        "username": "shen_sw",
        "kind": KIND_STAFF,
        "title": "赵窗口",
        "grants": (("reviewer", "640104/sw"),),
    },
    "editor": {"username": "bianji", "kind": KIND_STAFF, "title": "孙编辑", "roles": ("editor",)},
    "admin": {"username": "guanli", "kind": KIND_STAFF, "title": "周管理", "roles": ("admin",)},
}


def persona_password(name):
    return PERSONAS[name]["username"] + "1234"


def create_personas(wsgi_app):
    for spec in PERSONAS.values():
        spec = dict(spec)
        create_user(wsgi_app, spec.pop("username"), **spec)


@pytest.fixture
def as_persona(demo_wsgi_app):
    """``as_persona("editor")``: a new TestApp logged in as that persona (None: anonymous)."""
    create_personas(demo_wsgi_app)

    def make(name):
        testapp = webtest.TestApp(demo_wsgi_app)
        if name is not None:
            login(testapp, PERSONAS[name]["username"], persona_password(name))
        return testapp

    return make


@pytest.fixture
def enterprise_a_app(as_persona):
    return as_persona("enterprise_a")


@pytest.fixture
def enterprise_b_app(as_persona):
    return as_persona("enterprise_b")


@pytest.fixture
def reviewer_app(as_persona):
    return as_persona("reviewer")


@pytest.fixture
def other_reviewer_app(as_persona):
    return as_persona("other_reviewer")


@pytest.fixture
def editor_app(as_persona):
    return as_persona("editor")


@pytest.fixture
def admin_app(as_persona):
    return as_persona("admin")
