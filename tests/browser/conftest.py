"""Browser tests: Debian's Chromium driven by Playwright against the app served by waitress."""

import os
import shutil
import socket
from contextlib import contextmanager

import pytest

from ningxia_portal import main
from ningxia_portal.core.root import get_database
from tests.conftest import DEMO_CENTERS, base_settings

CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(app, threads=4):
    """``app`` served by waitress on a free loopback port, in a thread (stop it with
    ``shutdown()``). Waitress binds and listens in its constructor: connections queue from
    the moment this returns, so there is nothing to wait for."""
    from webtest.http import StopableWSGIServer

    return StopableWSGIServer.create(app, host="127.0.0.1", port=_free_port(), threads=threads)


@pytest.fixture(scope="session")
def chromium_path():
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is required under CI but {CHROMIUM} does not exist")
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's chromium to run browser tests")
    return CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


class PageErrors:
    """What the pages of one test reported: uncaught exceptions and console errors."""

    def __init__(self):
        self.seen = []

    def watch(self, page):
        page.on("pageerror", lambda error: self.seen.append(f"{page.url}: {error}"))
        page.on("console", lambda msg: self._console(page, msg))

    def _console(self, page, msg):
        if msg.type == "error":
            where = msg.location.get("url") or page.url
            self.seen.append(f"{page.url}: console: {msg.text} ({where})")

    def clear(self):
        """Forget what was seen so far (a test that provokes an error on purpose)."""
        self.seen.clear()


@pytest.fixture(autouse=True)
def page_errors(browser, monkeypatch):
    """Every page of every browser test is watched: a JavaScript error or a console error
    on any of them fails the test, whatever the test itself checked."""
    errors = PageErrors()
    new_context = browser.new_context

    def watched_context(*args, **kwargs):
        context = new_context(*args, **kwargs)
        context.on("page", errors.watch)
        return context

    monkeypatch.setattr(browser, "new_context", watched_context)
    yield errors
    if errors.seen:
        pytest.fail("errors in the browser:\n" + "\n".join(errors.seen), pytrace=False)


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context on the live server; closed before the server stops."""
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 1280, "height": 900}, base_url=live_server
    )
    p = context.new_page()
    yield p
    context.close()


@pytest.fixture
def live_server():
    """The real app with demo data, served by waitress on a free loopback port."""
    app = main({}, **base_settings(**{"portal.demo": "true", "portal.demo_centers": DEMO_CENTERS}))
    server = serve(app)
    yield server.application_url.rstrip("/")
    server.shutdown()


@contextmanager
def demo_server_with_blobs(tmp_path, prepare=None, **more):
    """The demo portal on a FileStorage with blobs (uploads, attachments), ``prepare(app)``
    run first, served by waitress; yields its address. ``more``: settings of the test."""
    uri = f"file://{tmp_path}/Data.fs?blobstorage_dir={tmp_path}/blobs"
    settings = {"zodbconn.uri": uri, "portal.demo": "true", "portal.demo_centers": DEMO_CENTERS}
    settings.update(more)
    app = main({}, **base_settings(**settings))
    if prepare is not None:
        prepare(app)
    server = serve(app)
    try:
        yield server.application_url.rstrip("/")
    finally:
        server.shutdown()
        get_database(app.registry).close()


def log_in(page, username):
    """Log in through the real form with the demo password ``<username>1234``."""
    page.goto("/login")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", f"{username}1234")
    page.locator("form#login button[type=submit]").click()
    page.wait_for_load_state()


def log_out(page):
    page.locator("#header-logout button").click()
    page.wait_for_load_state()
