"""Concurrency with real threads against a served app on FileStorage with blobs."""

import re

import pytest
from hypatia.query import Eq
from pyramid_retry import IBeforeRetry

from ningxia_portal import main
from ningxia_portal.core.root import get_database
from tests.browser.conftest import serve
from tests.conftest import RootAccess
from tests.functional.filings.live import LiveClient, run_together
from tests.functional.filings.support import ITEM_COMPLETE, clear_filings, create_users
from tests.unit.filings import samples


@pytest.fixture
def served(blob_settings):
    """The app served by waitress with 8 threads, retrying conflicts as production.ini does."""
    app = main({}, **{**blob_settings, "retry.attempts": "5"})
    clear_filings(app)
    create_users(app, ["acme", "rev", "centerrev"])
    server = serve(app, threads=8)
    yield app, server.application_url.rstrip("/")
    server.shutdown()
    get_database(app.registry).close()


def apply_fields(client, index):
    fields, n = [], 0
    for name, value in client.form(ITEM_COMPLETE + "apply", "apply"):
        if value is None:  # a file input: a PDF for every material
            value = (f"材料{n + 1}-{index}.pdf", samples.PDF, "application/pdf")
            n += 1
        elif name == "description":
            value = f"并发申请 {index}"
        fields.append((name, value))
    return [*fields, ("submit", "submit")]


def test_eight_concurrent_submissions_get_eight_distinct_case_numbers(served):
    app, base = served
    replays = []  # submissions run one at a time (``serialized``): none is replayed
    app.registry.registerHandler(lambda event: replays.append(1), (IBeforeRetry,))
    clients = [LiveClient(base).login("acme") for _ in range(8)]
    forms = [apply_fields(c, i) for i, c in enumerate(clients)]
    replies = run_together(
        [
            lambda c=c, f=f: c.post(ITEM_COMPLETE + "apply", f)
            for c, f in zip(clients, forms, strict=True)
        ]
    )
    assert [r.status for r in replies] == [303] * 8, [r.text[:300] for r in replies]
    numbers = [re.search(r"/filings/([^/]+)/$", r.location).group(1) for r in replies]
    assert len(set(numbers)) == 8
    assert sorted(numbers) == [f"640100-20260302-{n:06d}" for n in range(1, 9)]
    assert replays == []
    with RootAccess(app) as root:
        filings = root["filings"]
        assert len(filings) == 8
        assert root.index_queue.pending == ()  # each catalogued before its answer
        found = Eq(root.catalog["content_type"], "Filing").execute(resolver=root.docmap.get)
        assert sorted(f.case_no for f in found) == sorted(numbers)
        descriptions = sorted(filings[n].description for n in numbers)
        assert descriptions == sorted(f"并发申请 {i}" for i in range(8))
        assert all(len(filings[n].files) == 6 for n in numbers)


def test_two_reviewers_at_once_one_wins_the_other_is_told(served):
    app, base = served
    owner = LiveClient(base).login("acme")
    reply = owner.post(ITEM_COMPLETE + "apply", apply_fields(owner, 0))
    url = reply.location.replace(base, "")
    first, second = LiveClient(base).login("rev"), LiveClient(base).login("centerrev")
    forms = []
    for client, (name, comment) in ((first, ("prereview", "")), (second, ("return", "请补正"))):
        fields = [
            (k, comment if k == "comment" else v) for k, v in client.form(url, f"transition-{name}")
        ]
        forms.append([*fields, (name, name)])
    replies = run_together([lambda: first.post(url, forms[0]), lambda: second.post(url, forms[1])])
    statuses = sorted(r.status for r in replies)
    assert statuses == [303, 409], [r.text[:300] for r in replies]
    loser = next(r for r in replies if r.status == 409)
    assert "该办件刚刚被他人处理或修改，请查看最新状态后再操作" in loser.main_text()
    with RootAccess(app) as root:
        filing = root["filings"][url.split("/")[2]]
        assert len(filing.history) == 2  # submit + exactly one review transition
        assert filing.state in ("prereview_passed", "supplement_required")
        assert filing.history[-1]["to_state"] == filing.state
