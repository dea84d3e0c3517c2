"""Several processes share one queue (ZEO, RelStorage): each indexer takes the cases its own
process queued, so two drains committing at once both commit; another process's cases are
taken once they have waited, and a starting indexer takes everything."""

import pytest
from ZODB.POSException import ConflictError

from ningxia_portal.core.root import APP_ROOT_KEY
from ningxia_portal.indexing.indexer import Indexer
from ningxia_portal.indexing.queue import Inbox, IndexQueue, defer, owner_of, process_token
from tests.unit.indexing.queue_support import FakeRequest, add_case, case_no, found

A, B = 101, 202  # the tokens of two processes' indexers


def queue_for(db, indexer, numbers):
    """Requests of ``indexer``'s process that each queued a case and committed."""
    with db.transaction() as conn:
        root = conn.root()[APP_ROOT_KEY]
        for n in numbers:
            defer(FakeRequest(indexer), add_case(root, case_no(n)))


def queue_state(db):
    with db.transaction() as conn:
        queue = conn.root()[APP_ROOT_KEY].index_queue
        return queue.drains, [owner_of(e) for e in queue.inbox.entries]


def catalogued(db, numbers):
    with db.transaction() as conn:
        root = conn.root()[APP_ROOT_KEY]
        return [n for n in numbers if found(root, case_no(n))]


class Interleaved(Indexer):
    """An indexer whose drain lets ``other`` drain and commit while its own batch is open:
    both began from the same state, ``other`` commits first."""

    def __init__(self, token, other):
        super().__init__(token=token)
        self.other, self.attempts, self.other_done = other, 0, None

    def _catalogue(self, conn, root, queue, batch, careful):
        self.attempts += 1
        if self.other_done is None:
            self.other_done = self.other.drain(conn.db())
        return super()._catalogue(conn, root, queue, batch, careful)


def test_an_add_carries_its_process_token():
    inbox = Inbox()
    inbox.add(b"a", A)
    inbox.add(b"b")
    assert [owner_of(e) for e in inbox.entries] == [A, process_token()]
    assert Indexer().token == process_token() and Indexer(token=B).token == B


def test_two_processes_drains_at_once_both_commit_each_with_its_own_cases(db):
    a = Indexer(token=A)
    b = Interleaved(B, a)
    queue_for(db, a, [1])  # catalogued before: the indexes hold the values cases share
    b.other_done = a.drain(db)
    queue_for(db, a, [2, 3])
    queue_for(db, b, [4, 5])
    queue_for(db, a, [6])
    drains, owners = queue_state(db)
    assert owners == [A, A, B, B, A]
    b.other_done = None
    assert b.drain(db) == 2  # its own two, while the other took its three
    assert b.other_done == 3
    assert b.attempts == 1  # the two commits merged: neither drain was done again
    assert catalogued(db, range(1, 7)) == [1, 2, 3, 4, 5, 6]
    assert queue_state(db) == (drains + 2, [])  # both drains counted
    a.close()
    b.close()


def test_another_process_cases_wait_then_are_taken(db, monkeypatch):
    a, b = Indexer(token=A), Indexer(token=B)
    queue_for(db, b, [1])  # process B stopped before its indexer took it
    clock = [1000.0]
    monkeypatch.setattr("ningxia_portal.indexing.indexer.time.monotonic", lambda: clock[0])
    assert a.drain(db) == 0  # first seen now: left for its own process
    clock[0] += Indexer.ADOPT_AFTER - 0.1
    assert a.drain(db) == 0
    clock[0] += 0.1
    assert a.drain(db) == 1
    assert catalogued(db, [1]) == [1] and queue_state(db)[1] == []
    assert a.foreign == {}  # what left the inbox is forgotten
    a.close()
    b.close()


def test_a_starting_indexer_takes_what_every_process_left(db):
    queue_for(db, Indexer(token=A), [1])
    queue_for(db, Indexer(token=B), [2])
    fresh = Indexer()
    assert fresh.drain(db) == 0
    assert fresh.drain(db, everything=True) == 2
    assert catalogued(db, [1, 2]) == [1, 2]
    fresh.close()


def test_two_drains_of_the_queue_object_merge():
    old = {"drains": 4, "next_docid": 10, "inbox": "i", "backlog": "b"}
    committed = {"drains": 5, "next_docid": 12, "inbox": "i", "backlog": "b"}
    new = {"drains": 5, "next_docid": 11, "inbox": "i", "backlog": "b"}
    merged = IndexQueue()._p_resolveConflict(old, committed, new)
    assert merged == {"drains": 6, "next_docid": 12, "inbox": "i", "backlog": "b"}


def test_the_queue_object_with_other_changes_is_not_merged():
    old = {"drains": 4, "next_docid": 10, "inbox": "i"}
    with pytest.raises(ConflictError):
        IndexQueue()._p_resolveConflict(old, {**old, "drains": 5}, {**old, "inbox": "j"})
