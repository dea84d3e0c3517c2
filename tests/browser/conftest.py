"""Browser tests: Debian's Chromium driven by Playwright against the app served by waitress."""

import os
import shutil
import socket
import time

import pytest

from ningxia_portal import main
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


def _wait_for(port, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"the portal did not start listening on port {port}")


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
    from webtest.http import StopableWSGIServer

    app = main({}, **base_settings(**{"portal.demo": "true", "portal.demo_centers": DEMO_CENTERS}))
    port = _free_port()
    server = StopableWSGIServer.create(app, host="127.0.0.1", port=port, threads=4)
    _wait_for(port)
    yield server.application_url.rstrip("/")
    server.shutdown()
