"""/healthz, /readyz and the 503 page on RelStorage, on a PostgreSQL cluster the test stops
and starts again: while it is away (stopped, then a server that accepts connections but
never answers) every page answers a Chinese 503 page (JSON for API clients) within seconds,
a filing sent meanwhile is refused whole, /healthz still answers and /readyz says not ready;
when PostgreSQL is back the same app serves again, without a restart."""

import socket
import time

import pytest
import webtest

from ningxia_portal import main
from ningxia_portal.core.root import get_database
from tests.conftest import DEMO_CENTERS, RootAccess, base_settings, login
from tests.functional.filings.support import ITEM_COMPLETE, fill_apply, required_uploads
from tests.functional.multiprocess.processes import wait_until

JSON = {"Accept": "application/json"}
TITLE = "服务暂时无法使用"


@pytest.fixture
def relstorage_app(postgres, tmp_path):
    """The portal (demo data) in this process on RelStorage, as deploy/relstorage.conf."""
    uri = postgres.client_uri(tmp_path, "app")
    settings = {"zodbconn.uri": uri, "portal.demo": "true", "portal.demo_centers": DEMO_CENTERS}
    wsgi_app = main({}, **base_settings(**settings))
    yield wsgi_app
    get_database(wsgi_app.registry).close()


@pytest.fixture
def silent_server():
    """``listen(port)``: a socket on the port that accepts connections (the kernel does)
    and never answers, as a server that hangs; closed at the end."""
    sockets = []

    def listen(port):
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", port))
        sock.listen(64)
        sockets.append(sock)
        return sock

    yield listen
    for sock in sockets:
        sock.close()


def assert_quick_503_page(client, path):
    started = time.monotonic()
    page = client.get(path, status=503)
    assert time.monotonic() - started < 5
    assert page.headers["Retry-After"] == "30"
    assert page.html.select_one("h1").text == TITLE
    assert "Traceback" not in page.text
    return page


def stored_filings(wsgi_app):
    with RootAccess(wsgi_app) as root:
        filings = root["filings"]
        return sorted(filings), {day: seq.value for day, seq in filings.sequences.items()}


def opened_connections(wsgi_app):
    return sum(1 for conn in get_database(wsgi_app.registry).pool.all if conn.opened)


def test_a_postgresql_outage_answers_503_quickly_and_service_resumes(
    postgres, relstorage_app, silent_server
):
    client = webtest.TestApp(relstorage_app)
    login(client, "enterprise", "enterprise1234")
    form = client.get(ITEM_COMPLETE + "apply").forms["apply"]
    fill_apply(form, required_uploads(len(form.fields["upload"])))
    assert client.get("/centers/").html.select_one("h1").text != TITLE
    before = stored_filings(relstorage_app)
    connections = opened_connections(relstorage_app)

    postgres.stop_server("fast")  # every session ends: the app's connections are dead
    page = assert_quick_503_page(client, "/centers/")
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assert client.get("/", headers=JSON, status=503).json == {
        "error": "storage_unavailable",
        "status": 503,
    }
    assert client.get("/healthz").text == "ok\n"
    assert client.get("/readyz", status=503).text == "not ready\n"
    # A filing sent now is refused as a whole, with the same page.
    refused = form.submit("submit", status=503)
    assert refused.html.select_one("h1").text == TITLE
    assert "Traceback" not in refused.text

    # A server that takes the connection and never answers: connect_timeout ends the wait.
    listener = silent_server(postgres.port)
    assert_quick_503_page(client, "/centers/")
    assert client.get("/readyz", status=503).text == "not ready\n"
    listener.close()

    postgres.start_server()  # the same data, the same port
    wait_until(lambda: client.get("/readyz", expect_errors=True).status_int == 200, "ready", 60)
    assert client.get("/centers/").html.select_one("h1").text != TITLE
    # Nothing of the refused filing was written (no case, no case number taken), and no
    # connection of the failed requests stayed open.
    assert stored_filings(relstorage_app) == before
    assert opened_connections(relstorage_app) == connections
    # The same form, sent again, files the case.
    filed = form.submit("submit", status=303)
    case_no = filed.location.rstrip("/").rsplit("/", 1)[1]
    assert case_no in client.get(f"/filings/{case_no}/").text
    assert stored_filings(relstorage_app)[0] == sorted([*before[0], case_no])
