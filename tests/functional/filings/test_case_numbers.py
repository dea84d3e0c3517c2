"""Case numbers stay unique and gap-free when a submission is replayed; cases are catalogued
once, in their submitted state, before the answer leaves."""

from datetime import UTC, date, datetime

from hypatia.query import Eq
from pyramid_retry import IBeforeRetry
from ZODB.POSException import ConflictError

from ningxia_portal import main
from ningxia_portal.core.root import APP_ROOT_KEY, get_database
from ningxia_portal.filings import services
from ningxia_portal.filings.resources import Filing
from tests.conftest import RootAccess, committing
from tests.functional.filings.support import (
    ITEM_COMPLETE,
    fill_apply,
    flash_text,
    login,
    required_uploads,
    submit_filing,
)


def count_replays(wsgi_app):
    replays = []
    wsgi_app.registry.registerHandler(lambda event: replays.append(1), (IBeforeRetry,))
    return replays


def file_elsewhere(wsgi_app, clock):
    """What another process does meanwhile: it files a case of the same center and day."""
    with committing(wsgi_app) as root:
        item = root["centers"]["640100"]["scjg"]["xk-scjg-001"]
        filing = Filing(item, root["principals"]["other"], clock.now())
        filing.state = "submitted"
        return root["filings"].add_case(filing, "640100", clock.today())


def test_a_replayed_submission_takes_the_next_number_and_leaves_no_gap(
    client, clock, filing_wsgi_app, open_root, monkeypatch
):
    replays = count_replays(filing_wsgi_app)
    elsewhere = []
    set_deadline = services.set_deadline

    def meanwhile(request, filing, day):
        if not elsewhere:  # during the first attempt only: its commit then conflicts
            elsewhere.append(file_elsewhere(filing_wsgi_app, clock))
        return set_deadline(request, filing, day)

    monkeypatch.setattr(services, "set_deadline", meanwhile)
    app, url = submit_filing(client)
    assert replays == [1]
    assert elsewhere == ["640100-20260302-000001"]
    assert url == "/filings/640100-20260302-000002/"
    assert "办件编号 640100-20260302-000002" in flash_text(app.get(url))
    with open_root(filing_wsgi_app) as root:
        filings = root["filings"]
        assert sorted(filings) == ["640100-20260302-000001", "640100-20260302-000002"]
        assert filings.sequences["640100-20260302"].value == 2
        mine = filings["640100-20260302-000002"]
        assert mine.owner == "acme" and mine.case_no == "640100-20260302-000002"
        assert [e["transition"] for e in mine.history] == ["submit"]
        assert len(mine.files) == 6
        assert root.index_queue.pending == ()


def test_a_failed_attempt_gives_its_number_back(client, filing_wsgi_app, open_root, monkeypatch):
    """A conflict after the number was taken: the replay takes the same number again."""
    replays = count_replays(filing_wsgi_app)
    failed = []
    set_deadline = services.set_deadline

    def conflict_once(request, filing, day):
        if not failed:
            failed.append(filing.case_no)
            raise ConflictError("as if another writer had committed first")
        return set_deadline(request, filing, day)

    monkeypatch.setattr(services, "set_deadline", conflict_once)
    _, url = submit_filing(client)
    assert replays == [1] and failed == ["640100-20260302-000001"]
    assert url == "/filings/640100-20260302-000001/"
    _, url = submit_filing(client)
    assert url == "/filings/640100-20260302-000002/"
    with open_root(filing_wsgi_app) as root:
        assert root["filings"].sequences["640100-20260302"].value == 2


def test_a_submitted_case_is_catalogued_once_before_the_answer(client, filing_wsgi_app, open_root):
    app, url = submit_filing(client)
    case_no = url.split("/")[2]
    with open_root(filing_wsgi_app) as root:
        assert root.index_queue.pending == ()
        catalog = root.catalog
        docid = catalog["case_no"].get(case_no)
        assert root.docmap.get(docid).case_no == case_no
        assert catalog["state"]._rev_index[docid] == "submitted"
        assert catalog["applicant"]._rev_index[docid] == "宁夏阿克米食品有限公司"
        assert list(catalog["lists"].docids(["queue:640100/scjg"])) == [docid]
    listing = app.get("/filings/")
    assert case_no in listing.text


def test_a_saved_draft_submitted_later_gets_its_number_and_is_catalogued(
    client, filing_wsgi_app, open_root
):
    app = login(client(), "acme")
    form = app.get(ITEM_COMPLETE + "apply").forms["apply"]
    fill_apply(form, required_uploads(6))
    draft_url = form.submit("save").location.replace("http://localhost", "")
    assert "/filings/draft-" in draft_url
    with open_root(filing_wsgi_app) as root:  # catalogued before the answer, as a draft
        drafts = Eq(root.catalog["state"], "draft").execute(resolver=root.docmap.get)
        assert [d.__name__ for d in drafts] == [draft_url.split("/")[2]]
        assert root.index_queue.pending == ()
    assert draft_url.split("/")[2] in app.get("/filings/").text
    form = app.get(draft_url + "edit").forms["apply"]
    res = form.submit("submit")
    assert res.location.endswith("/filings/640100-20260302-000001/")
    with open_root(filing_wsgi_app) as root:
        assert [n for n in root["filings"] if n.startswith("draft-")] == []
        docid = root.catalog["case_no"].get("640100-20260302-000001")
        assert root.docmap.get(docid).state == "submitted"
        drafts = Eq(root.catalog["state"], "draft").execute()
        assert len(drafts) == 0


def test_cases_a_stopped_process_left_queued_are_catalogued_at_start(filing_settings):
    app = main({}, **filing_settings)
    with get_database(app.registry).transaction() as conn:
        root = conn.root()[APP_ROOT_KEY]
        item = root["centers"]["640100"]["scjg"]["xk-scjg-001"]
        filing = Filing(item, root["principals"]["enterprise"], datetime(2026, 3, 2, 1, tzinfo=UTC))
        filing.state = "submitted"
        name = root["filings"].add_case(filing, "640100", date(2026, 3, 2), index=False)
        conn.add(filing)
        root.index_queue.add(filing._p_oid)  # committed, then the process stopped
    get_database(app.registry).close()
    app = main({}, **filing_settings)
    with RootAccess(app) as root:
        assert root.index_queue.pending == ()
        assert root.docmap.get(root.catalog["case_no"].get(name)).case_no == name
    get_database(app.registry).close()
