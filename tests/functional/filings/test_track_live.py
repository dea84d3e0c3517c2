"""/track served by waitress with 8 threads: the bench's prepared lookups are real hits, and
hits sent all at once from one address are never held up by the throttle of misses: each
holds a try only while it is checked (at most 8 at once, under the limit of 10)."""

import urllib.error
import urllib.request

import pytest
from bench.prepared import Prepared, raw_request
from bench.track import track_lookups

from ningxia_portal import main
from ningxia_portal.core.root import get_database
from tests.browser.conftest import serve
from tests.conftest import base_settings
from tests.functional.filings.live import run_together

DEMO_CASE = "640100-20260302-000001"  # the demo enterprise's, submitted (filings/demo.py)


@pytest.fixture
def served():
    settings = base_settings(**{"portal.demo": "true", "portal.demo_centers": "640000 640100"})
    app = main({}, **settings)
    server = serve(app, threads=8)
    yield server.application_url.rstrip("/")
    server.shutdown()
    get_database(app.registry).close()


def send(base, prepared):
    """Send one prepared request as wrk does; (status, body)."""
    request = urllib.request.Request(
        base + prepared.path, data=prepared.body, headers=prepared.headers, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_the_bench_prepares_hits_that_hold_each_other_up_never(served):
    dataset = {"samples": {"enterprise": "enterprise", "password": "enterprise1234"}}
    prepared = track_lookups(served, dataset)
    assert len(prepared) == 4  # the demo enterprise's four submitted cases
    assert all(raw_request(served, p).startswith(b"POST /track HTTP/1.1") for p in prepared)
    assert all(b"phone=13895012345" in p.body for p in prepared)  # in the body, not the URL

    miss = prepared[0].body.replace(b"phone=13895012345", b"phone=0000")
    status, body = send(served, Prepared("POST", "/track", prepared[0].headers, miss))
    assert status == 200 and "track-result" not in body  # one miss counted
    replies = run_together([lambda p=p: send(served, p) for p in prepared * 6])
    assert [status for status, _ in replies] == [200] * 24
    assert all("track-result" in body for _, body in replies)
    assert DEMO_CASE in "".join(body for _, body in replies)
