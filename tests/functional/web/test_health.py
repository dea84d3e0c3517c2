"""/healthz, /readyz and the 503 page, on a real ZEO server that the test stops and starts:
while it is away every page answers a Chinese 503 page (JSON for API clients) within
seconds, /healthz still answers and /readyz says not ready; when it comes back the same
app serves again, without a restart."""

import time

import pytest
import webtest

from ningxia_portal import main
from ningxia_portal.core.root import get_database
from tests.conftest import base_settings
from tests.functional.multiprocess.processes import ZeoServer

JSON = {"Accept": "application/json"}


def test_liveness_and_readiness_on_a_working_storage(app):
    live = app.get("/healthz")
    assert live.text == "ok\n" and live.headers["Cache-Control"] == "no-store"
    ready = app.get("/readyz")
    assert ready.status_int == 200 and ready.text == "ready\n"


def wait_until(predicate, seconds=60):
    """Poll ``predicate`` (a reconnecting client is a background task) until it holds."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def zeo(tmp_path):
    """A ZEO server process (runzeo) over a FileStorage in tmp_path; ``stop()`` ends the
    process (its sockets close with it) and ``start()`` starts it again on the same port."""
    server = ZeoServer(tmp_path).start()
    yield server
    server.stop()


def test_an_outage_answers_503_quickly_and_service_resumes(zeo):
    uri = f"zeo://127.0.0.1:{zeo.port}?wait_timeout=2&max_disconnect_poll=1&min_disconnect_poll=1"
    wsgi_app = main({}, **base_settings(**{"zodbconn.uri": uri}))
    client = webtest.TestApp(wsgi_app)
    try:
        assert client.get("/").status_int == 200
        zeo.stop()
        storage = get_database(wsgi_app.registry).storage
        assert wait_until(lambda: not storage.is_connected())
        started = time.monotonic()
        page = client.get("/centers/", status=503)
        assert time.monotonic() - started < 5
        assert page.headers["Retry-After"] == "30"
        assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
        assert page.html.select_one("h1").text == "服务暂时无法使用"
        assert "Traceback" not in page.text
        assert client.get("/", headers=JSON, status=503).json == {
            "error": "storage_unavailable",
            "status": 503,
        }
        client.set_cookie("_LOCALE_", "en")
        english = client.get("/", status=503)
        assert english.html.select_one("h1").text == "The service is temporarily unavailable"
        client.set_cookie("_LOCALE_", "zh_CN")
        assert client.get("/healthz").text == "ok\n"
        assert client.get("/readyz", status=503).text == "not ready\n"

        zeo.start()
        assert wait_until(lambda: client.get("/readyz", expect_errors=True).status_int == 200)
        assert client.get("/centers/").status_int == 200
    finally:
        get_database(wsgi_app.registry).close()
