"""A document whose cataloguing fails never holds up the others: retried, then set aside."""

import logging

import pytest
from ZODB.POSException import ConflictError
from ZODB.utils import u64

from ningxia_portal.core.root import APP_ROOT_KEY
from ningxia_portal.indexing import indexer as module
from ningxia_portal.indexing.indexer import Indexer
from ningxia_portal.indexing.queue import MAX_FAILURES
from tests.unit.indexing.queue_support import case_no, found, queue_cases

BROKEN = case_no(2)


@pytest.fixture
def broken(monkeypatch):
    """Cataloguing BROKEN writes part of its entries, then raises."""
    real = module.index_tree

    def index_tree(obj, root, docids=None):
        real(obj, root, docids=docids)  # partial writes, which must roll back
        if getattr(obj, "case_no", None) == BROKEN:
            raise ValueError("bad date in 'deadline'")

    monkeypatch.setattr(module, "index_tree", index_tree)
    return monkeypatch


def read(db, check):
    with db.transaction() as conn:
        return check(conn.root()[APP_ROOT_KEY])


def test_a_failing_document_does_not_hold_up_the_others(db, broken):
    queue_cases(db, [case_no(1), BROKEN, case_no(3)])
    indexer = Indexer()
    assert indexer.drain(db) == 3
    assert (indexer.documents, indexer.failures) == (2, 1)

    def check(root):
        assert [len(found(root, case_no(n))) for n in (1, 2, 3)] == [1, 0, 1]
        broken_case = root["filings"][BROKEN]
        assert root.docmap.get(broken_case.__docid__) is None  # its partial writes rolled back
        failure = root.index_queue.backlog[u64(broken_case._p_oid)]
        assert (failure.error, failure.message) == ("ValueError", "bad date in 'deadline'")
        assert (failure.kind, failure.title, failure.path) == (
            "Filing",
            BROKEN,
            f"/filings/{BROKEN}",
        )
        assert failure.attempts == 1 and root.index_queue.pending == (broken_case._p_oid,)
        assert len(root.index_queue.set_aside) == 0

    read(db, check)
    indexer.close()


def test_a_document_failing_in_every_drain_is_set_aside_and_logged(db, broken, caplog):
    queue_cases(db, [BROKEN])
    indexer = Indexer()
    for drain in range(1, MAX_FAILURES + 1):
        queue_cases(db, [case_no(10 + drain)])  # the next submission's drain retries it
        with caplog.at_level(logging.WARNING, logger=module.__name__):
            assert indexer.drain(db) in (1, 2)
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1
    assert BROKEN in errors[0].getMessage() and "ValueError" in errors[0].getMessage()

    def check(root):
        queue = root.index_queue
        assert queue.pending == () and queue.waiting() == 0
        (key, failure), *more = queue.set_aside.items()
        assert more == [] and key == u64(root["filings"][BROKEN]._p_oid)
        assert failure.attempts == MAX_FAILURES and failure.first <= failure.last
        assert [len(found(root, case_no(10 + n))) for n in (1, 2, 3)] == [1, 1, 1]

    read(db, check)
    assert indexer.drain(db) == 0  # set aside: no longer tried
    indexer.close()


def test_a_set_aside_document_re_queued_gets_fresh_attempts_and_is_catalogued(db, broken):
    queue_cases(db, [BROKEN])
    indexer = Indexer()
    for _ in range(MAX_FAILURES):
        indexer.drain(db)
    broken.undo()  # the cause is fixed
    with db.transaction() as conn:
        assert conn.root()[APP_ROOT_KEY].index_queue.requeue() == 1
    assert indexer.drain(db) == 1
    read(db, lambda root: found(root, BROKEN) == [root["filings"][BROKEN]] or pytest.fail())
    read(db, lambda root: len(root.index_queue.set_aside) == 0 or pytest.fail())
    indexer.close()


def test_a_set_aside_document_queued_again_by_a_request_is_catalogued(db, broken):
    """A later change queues it again: if cataloguing works now, it leaves the list."""
    queue_cases(db, [BROKEN])
    indexer = Indexer()
    for _ in range(MAX_FAILURES):
        indexer.drain(db)
    broken.undo()
    with db.transaction() as conn:
        root = conn.root()[APP_ROOT_KEY]
        root.index_queue.add(root["filings"][BROKEN]._p_oid)
    assert indexer.drain(db) == 1
    read(db, lambda root: len(root.index_queue.set_aside) == 0 or pytest.fail())
    indexer.close()


def test_a_conflict_is_not_the_documents_failure(db, monkeypatch):
    queue_cases(db, [case_no(1)])
    real, raised = module.index_tree, []

    def conflict_once(obj, root, docids=None):
        if not raised:
            raised.append(True)
            raise ConflictError("another writer committed first")
        return real(obj, root, docids=docids)

    monkeypatch.setattr(module, "index_tree", conflict_once)
    indexer = Indexer()
    assert indexer.drain(db) == 1 and indexer.failures == 0

    def check(root):
        assert len(found(root, case_no(1))) == 1
        assert len(root.index_queue.backlog) == 0 and len(root.index_queue.set_aside) == 0

    read(db, check)
    indexer.close()


def test_a_document_that_does_not_load_is_recorded_without_its_description(db, monkeypatch):
    queue_cases(db, [case_no(1)])
    monkeypatch.setattr(module, "load", lambda conn, oid: (_ for _ in ()).throw(OSError("eio")))
    indexer = Indexer()
    assert indexer.drain(db) == 1 and indexer.failures == 1

    def check(root):
        (failure,) = root.index_queue.backlog.values()
        assert (failure.kind, failure.title, failure.error) == (None, None, "OSError")

    read(db, check)
    indexer.close()


def test_the_times_of_a_failure_come_from_the_apps_clock(db, broken, registry):
    from ningxia_portal.core.clock import get_clock

    queue_cases(db, [BROKEN])
    indexer = Indexer(registry)
    indexer.drain(db)
    now = get_clock(registry).now()
    read(db, lambda root: list(root.index_queue.backlog.values())[0].last == now or pytest.fail())
    indexer.close()


def test_a_change_to_a_set_aside_document_does_not_conflict_with_drains(db, broken):
    """Only a waiting document makes a change read the queue current (which every drain
    writes): one set aside waits for an admin, and a reviewer's change to it commits."""
    import transaction

    from ningxia_portal.indexing.catalog import reindex

    queue_cases(db, [BROKEN])
    indexer = Indexer()
    for _ in range(MAX_FAILURES):
        indexer.drain(db)
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    root = conn.root()[APP_ROOT_KEY]
    case = root["filings"][BROKEN]
    case.state = "accepted"
    reindex(case, root)
    queue_cases(db, [case_no(9)])
    assert indexer.drain(db) == 1  # a drain commits meanwhile
    tm.commit()  # no conflict
    conn.close()
    read(db, lambda root: root["filings"][BROKEN].state == "accepted" or pytest.fail())
    indexer.close()
