"""Deferred cataloguing: requests queue into the inbox, the indexer catalogues in order."""

import threading

import pytest
import transaction
from ZODB.POSException import ConflictError
from ZODB.utils import u64

from ningxia_portal.core.evolve import evolve
from ningxia_portal.core.root import APP_ROOT_KEY, Portal
from ningxia_portal.indexing.evolve import step014
from ningxia_portal.indexing.indexer import Indexer
from ningxia_portal.indexing.queue import Inbox, IndexQueue, defer
from tests.unit.indexing.queue_support import FakeRequest, add_case, found, queue_cases


def test_the_inbox_merges_what_requests_add_and_the_indexer_takes():
    a, b, c, d = (b"a", 1), (b"b", 2), (b"c", 3), (b"d", 4)
    old = {"entries": (a, b)}
    committed = {"entries": (c,)}  # the indexer took a and b, another request added c
    new = {"entries": (a, b, d)}  # a request added d
    assert Inbox()._p_resolveConflict(old, committed, new) == {"entries": (c, d)}


def test_two_takers_of_one_entry_conflict():
    old = {"entries": ((b"a", 1),)}
    with pytest.raises(ConflictError):  # two indexers at once (two processes)
        Inbox()._p_resolveConflict(old, {"entries": ()}, {"entries": ()})


def test_an_inbox_with_other_attributes_is_not_merged():
    old = {"entries": ()}
    with pytest.raises(ConflictError):
        Inbox()._p_resolveConflict(old, {"entries": (), "x": 1}, {"entries": ()})


def test_a_document_queued_again_is_a_new_entry():
    """Queued while its earlier entry is being taken: the later state is catalogued too."""
    inbox = Inbox()
    inbox.add(b"a")
    inbox.add(b"a")
    assert len(inbox.entries) == 2 and inbox.oids() == [b"a"]


def test_queued_documents_get_increasing_docids_skipping_taken_ones(registry):
    root = Portal()
    evolve(root, registry=registry, commit=False)
    root.docmap.objects[2] = object()
    docids = root.index_queue.docids(root.docmap)
    assert [docids(), docids(), docids()] == [1, 3, 4]
    assert root.index_queue.next_docid == 5


def test_a_deferred_case_is_catalogued_after_the_commit_under_its_oid(db):
    indexer = Indexer()
    pool_size = db.getPoolSize()
    request = FakeRequest(indexer)
    with db.transaction() as conn:
        root = conn.root()[APP_ROOT_KEY]
        filing = add_case(root, "640100-20260302-000001")
        defer(request, filing)
        defer(request, filing)  # queued once, drained once
        assert found(root, filing.case_no) == []
        assert len(request.finished) == 1
    written = filing._p_serial
    request.finish()
    with db.transaction() as conn:
        root = conn.root()[APP_ROOT_KEY]
        assert [f.case_no for f in found(root, "640100-20260302-000001")] == [
            "640100-20260302-000001"
        ]
        case = root["filings"]["640100-20260302-000001"]
        assert case.__docid__ == u64(case._p_oid)
        assert case._p_serial == written  # the indexer didn't write the case again
        assert root.index_queue.pending == ()
    assert (indexer.batches, indexer.documents) == (1, 1)
    # The indexer's own connection is one more in the pool (no "too many connections").
    assert db.getPoolSize() == pool_size + 1
    indexer.drain(db)
    indexer.close()
    Indexer().drain(db)
    assert db.getPoolSize() == pool_size + 1


def test_a_case_whose_oid_is_a_taken_docid_gets_the_next_of_the_series(db):
    with db.transaction() as conn:
        root = conn.root()[APP_ROOT_KEY]
        filing = add_case(root, "640100-20260302-000001")
        conn.add(filing)
        root.docmap.objects[u64(filing._p_oid)] = root  # taken by another document
        defer(FakeRequest(Indexer()), filing)
    Indexer().drain(db)
    with db.transaction() as conn:
        root = conn.root()[APP_ROOT_KEY]
        case = root["filings"]["640100-20260302-000001"]
        assert case.__docid__ == 1 and found(root, case.case_no) == [case]


def test_queuing_and_draining_at_once_do_not_conflict(db):
    """A request queues while the indexer commits: the queue merges both."""
    with db.transaction() as conn:
        root = conn.root()[APP_ROOT_KEY]
        first = add_case(root, "640100-20260302-000001")
        defer(FakeRequest(Indexer()), first)
    tm = transaction.TransactionManager()
    request_conn = db.open(transaction_manager=tm)
    tm.begin()
    root = request_conn.root()[APP_ROOT_KEY]
    second = add_case(root, "640100-20260302-000002")
    request = FakeRequest(Indexer())
    defer(request, second)
    assert Indexer().drain(db) == 1  # the indexer commits first, taking the first case
    tm.commit()  # the request's queue write is merged, not refused
    request_conn.close()
    request.finish()
    with db.transaction() as conn:
        root = conn.root()[APP_ROOT_KEY]
        assert root.index_queue.pending == ()
        assert len(found(root, "640100-20260302-000001")) == 1
        assert len(found(root, "640100-20260302-000002")) == 1


def test_a_case_removed_before_it_was_catalogued_is_skipped(db):
    with db.transaction() as conn:
        root = conn.root()[APP_ROOT_KEY]
        documents = len(root.docmap)
        filing = add_case(root, "640100-20260302-000001")
        defer(FakeRequest(Indexer()), filing)
        root["filings"].remove("640100-20260302-000001")
    assert Indexer().drain(db) == 1
    with db.transaction() as conn:
        root = conn.root()[APP_ROOT_KEY]
        assert found(root, "640100-20260302-000001") == []
        assert len(root.docmap) == documents
        assert root.index_queue.pending == ()


def test_without_a_queue_a_case_is_catalogued_at_once(registry):
    root = Portal()
    evolve(root, registry=registry, commit=False)
    del root.index_queue  # a database before evolve step 14
    filing = add_case(root, "640100-20260302-000001")
    request = FakeRequest(Indexer())
    defer(request, filing)
    assert found(root, "640100-20260302-000001") == [filing]
    assert request.finished == []


def test_a_drain_that_fails_leaves_the_queue_for_the_next(db, monkeypatch):
    """Not a document's failure (those are set aside): the drain's own, as a full disk."""
    with db.transaction() as conn:
        root = conn.root()[APP_ROOT_KEY]
        defer(FakeRequest(Indexer()), add_case(root, "640100-20260302-000001"))
    indexer = Indexer()
    monkeypatch.setattr(
        IndexQueue, "drained", lambda self: (_ for _ in ()).throw(RuntimeError("disk full"))
    )
    assert indexer.drain(db) is None  # logged, never raised to the request
    monkeypatch.undo()
    with db.transaction() as conn:
        assert len(conn.root()[APP_ROOT_KEY].index_queue.pending) == 1
    assert indexer.drain(db) == 1
    indexer.close()


def test_drains_of_many_threads_catalogue_each_case_once(db):
    with db.transaction() as conn:
        root = conn.root()[APP_ROOT_KEY]
        for n in range(1, 21):
            defer(FakeRequest(Indexer()), add_case(root, f"640100-20260302-{n:06d}"))
    indexer = Indexer()
    threads = [threading.Thread(target=indexer.drain, args=(db,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with db.transaction() as conn:
        root = conn.root()[APP_ROOT_KEY]
        cases = list(root["filings"].values())
        assert [f.__docid__ for f in cases] == [u64(f._p_oid) for f in cases]
        assert len({f.__docid__ for f in cases}) == 20
        assert root.index_queue.pending == ()
    indexer.close()


def test_evolve_step_14_gives_the_root_its_queue_once(registry):
    root = Portal()
    step014.evolve(root, registry)
    queue = root.index_queue
    queue.add(b"x")
    step014.evolve(root, registry)
    assert root.index_queue is queue and queue.pending == (b"x",)


def test_a_writer_waits_while_others_are_busy_and_the_last_catalogues_for_all(db):
    indexer = Indexer()
    queue_cases(db, ["640100-20260302-000001"])
    first = indexer.ticket()
    busy = threading.Event()
    busy.set()  # another writer holds the write lock
    waiter = threading.Thread(target=indexer.settle, args=(db, first, busy.is_set))
    waiter.start()
    waiter.join(0.05)
    assert waiter.is_alive() and indexer.batches == 0  # waiting for the batch of the last
    queue_cases(db, ["640100-20260302-000002"])
    last = indexer.ticket()
    busy.clear()  # the last writer has committed: nobody else is coming
    indexer.settle(db, last, busy.is_set)
    waiter.join(5)
    assert not waiter.is_alive()
    assert (indexer.batches, indexer.documents, indexer.indexed) == (1, 2, 2)
    indexer.close()


def test_a_writer_waits_no_longer_than_max_wait(db):
    indexer = Indexer()
    indexer.MAX_WAIT = 0.05
    queue_cases(db, ["640100-20260302-000001"])
    indexer.settle(db, indexer.ticket(), lambda: True)  # others stay busy for ever
    assert (indexer.batches, indexer.indexed) == (1, 1)
    indexer.close()


def test_an_attempt_that_did_not_commit_does_not_wait(db):
    indexer = Indexer()
    indexer.settle(db, None, lambda: True)
    assert indexer.batches == 0


def test_a_waiting_writer_catalogues_when_the_others_give_up(db):
    """The last writer failed (no ticket): the write lock falls idle, the waiter drains."""
    indexer = Indexer()
    indexer.MAX_WAIT = 30  # far longer than the test may take
    queue_cases(db, ["640100-20260302-000001"])
    busy = threading.Event()
    busy.set()
    waiter = threading.Thread(target=indexer.settle, args=(db, indexer.ticket(), busy.is_set))
    waiter.start()
    waiter.join(0.05)
    assert waiter.is_alive()
    busy.clear()
    indexer.wake()  # what the write lock calls when its last writer lets go
    waiter.join(5)
    assert not waiter.is_alive() and indexer.indexed == 1
    indexer.close()


def _change_state(db, case_no, state):
    """Another request: change a case (and reindex it, as ObjectModified does); its conn."""
    from ningxia_portal.indexing.catalog import reindex

    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    root = conn.root()[APP_ROOT_KEY]
    case = root["filings"][case_no]
    case.state = state
    reindex(case, root)
    return tm, conn


def _indexed_state(db, case_no):
    with db.transaction() as conn:
        root = conn.root()[APP_ROOT_KEY]
        case = root["filings"][case_no]
        return case.state, root.catalog["state"]._rev_index.get(case.__docid__)


def test_a_change_to_a_queued_case_committed_after_the_indexer_is_retried(db):
    """The indexer catalogues the state it read and takes the case off the queue: a
    request that changed the case meanwhile must not commit on top of that unnoticed."""
    case_no = "640100-20260302-000001"
    with db.transaction() as conn:
        defer(FakeRequest(Indexer()), add_case(conn.root()[APP_ROOT_KEY], case_no))
    tm, conn = _change_state(db, case_no, "accepted")  # not catalogued yet: not reindexed
    assert Indexer().drain(db) == 1  # catalogued as "submitted"
    with pytest.raises(ConflictError):
        tm.commit()
    tm.abort()
    tm, conn = _change_state(db, case_no, "accepted")  # pyramid_retry's second attempt
    tm.commit()
    conn.close()
    assert _indexed_state(db, case_no) == ("accepted", "accepted")


def test_a_change_committed_while_the_indexer_works_makes_it_start_again(db, monkeypatch):
    from ningxia_portal.indexing import indexer as module

    case_no = "640100-20260302-000001"
    with db.transaction() as conn:
        defer(FakeRequest(Indexer()), add_case(conn.root()[APP_ROOT_KEY], case_no))
    real, raced = module.index_tree, []

    def racing(obj, root, docids=None):
        if not raced:  # the indexer has read the case: another request changes it now
            raced.append(True)
            tm, conn = _change_state(db, case_no, "accepted")
            tm.commit()
            conn.close()
        return real(obj, root, docids=docids)

    monkeypatch.setattr(module, "index_tree", racing)
    indexer = Indexer()
    assert indexer.drain(db) == 1
    indexer.close()
    assert _indexed_state(db, case_no) == ("accepted", "accepted")
