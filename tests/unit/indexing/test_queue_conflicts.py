"""Queuing never conflicts: concurrent adds (several writers) and the indexer's take, each
committed on a real FileStorage from one common state, all commit and nothing is lost.

Each writer files into a folder of its own, so the only object the writers share is the
queue: a conflict here could only be the queue's.
"""

import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ZODB import DB
from ZODB.FileStorage import FileStorage
from ZODB.utils import u64

from ningxia_portal.core.evolve import evolve
from ningxia_portal.core.folder import Folder
from ningxia_portal.core.root import APP_ROOT_KEY, Portal
from ningxia_portal.indexing.indexer import Indexer
from ningxia_portal.indexing.queue import defer
from tests.unit.filings.helpers import make_filing
from tests.unit.indexing.queue_support import FakeRequest, add_case, case_no, found

WRITERS = 4


def prepare(db, writers=WRITERS, queued=2):
    """A folder per writer, and ``queued`` cases already queued (for the indexer to take)."""
    with db.transaction() as conn:
        root = conn.root()[APP_ROOT_KEY]
        for n in range(writers):
            root.add(f"w{n}", Folder(), index=False)
        for n in range(queued):
            defer(FakeRequest(Indexer()), add_case(root, case_no(900 + n)))


class Writer:
    """A request on a connection of its own: it begins now, files, commits when told."""

    def __init__(self, db, n, cases=1):
        self.tm = transaction.TransactionManager()
        self.conn = db.open(transaction_manager=self.tm)
        self.tm.begin()
        root = self.conn.root()[APP_ROOT_KEY]
        self.names, self.oids = [], []  # the oids: handed out as each case is queued
        for i in range(cases):
            filing = make_filing()
            filing.case_no = name = f"640100-20260302-{n:02d}{i:04d}"
            root[f"w{n}"].add(name, filing, index=False)
            defer(FakeRequest(Indexer()), filing)
            self.names.append(name)
            self.oids.append(filing._p_oid)

    def commit(self):
        self.tm.commit()  # a ConflictError here fails the test
        self.conn.close()


def state(db):
    with db.transaction() as conn:
        root = conn.root()[APP_ROOT_KEY]
        queue = root.index_queue
        return root, queue.pending, queue._p_serial, queue.inbox._p_serial


def test_writers_and_the_indexer_commit_at_once_without_a_conflict(db):
    prepare(db)
    _, _, queue_serial, inbox_serial = state(db)
    writers = [Writer(db, n, cases=2) for n in range(WRITERS)]  # all begin from one state
    indexer = Indexer()
    assert indexer.drain(db) == 2  # the indexer takes the two queued before them
    for writer in reversed(writers):
        writer.commit()
    with db.transaction() as conn:
        root = conn.root()[APP_ROOT_KEY]
        queue = root.index_queue
        assert queue.inbox._p_serial != inbox_serial
        # Every add kept, in the order the writers committed, each once.
        assert list(queue.pending) == [oid for w in reversed(writers) for oid in w.oids]
    last_drain_serial = state(db)[2]
    assert last_drain_serial != queue_serial  # the drain wrote the queue; writers didn't
    assert indexer.drain(db) == 2 * WRITERS
    with db.transaction() as conn:
        root = conn.root()[APP_ROOT_KEY]
        assert root.index_queue.pending == ()
        for n, writer in enumerate(writers):
            for name in writer.names:
                case = root[f"w{n}"][name]
                assert found(root, name) == [case] and case.__docid__ == u64(case._p_oid)
    indexer.close()


def test_writers_never_write_the_queue_object_only_its_small_inbox(db):
    """An add writes the inbox, a few oids, however long the backlog: O(1) per request."""
    prepare(db, writers=1, queued=0)
    with db.transaction() as conn:
        queue = conn.root()[APP_ROOT_KEY].index_queue
        for key in range(10**6, 10**6 + 20_000):  # a backlog of 20,000 documents
            queue.backlog[key] = None
    _, _, queue_serial, _ = state(db)
    Writer(db, 0).commit()
    storage = db.storage
    tid = storage.lastTransaction()
    records = storage.iterator(tid, tid)
    written = {record.oid: len(record.data) for record in next(records)}
    records.close()
    with db.transaction() as conn:
        queue = conn.root()[APP_ROOT_KEY].index_queue
        assert queue._p_serial == queue_serial and queue.backlog._p_serial < tid
        assert queue.inbox._p_oid in written
        assert written[queue.inbox._p_oid] < 300  # bytes: one entry
        assert queue.waiting() == 20_001


@st.composite
def schedules(draw):
    """Writers that each add 1–3 cases, an optional take by the indexer, all begun from
    one state, committed in a drawn order."""
    writers = draw(st.lists(st.integers(1, 3), min_size=1, max_size=4))
    steps = [("write", n) for n in range(len(writers))]
    if draw(st.booleans()):
        steps.append(("drain", None))
    return writers, draw(st.permutations(steps))


@settings(
    max_examples=15,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(schedule=schedules())
def test_any_interleaving_of_adds_and_a_take_commits_and_equals_a_serial_run(
    registry, tmp_path_factory, schedule
):
    counts, order = schedule
    path = tmp_path_factory.mktemp("queue") / "Data.fs"
    db = DB(FileStorage(str(path)))
    try:
        with db.transaction() as conn:
            root = conn.root()[APP_ROOT_KEY] = Portal()
            evolve(root, registry=registry, commit=False)
        prepare(db, writers=len(counts), queued=2)
        before = state(db)[1]
        writers = [Writer(db, n, cases) for n, cases in enumerate(counts)]
        indexer = Indexer()
        expected = list(before)  # the serial run: each step on the state the last left
        for kind, n in order:
            if kind == "write":
                writers[n].commit()
                expected += writers[n].oids
            else:
                assert indexer.drain(db) == len(expected)  # takes what it sees, all of it
                expected = []
        assert list(state(db)[1]) == expected
        indexer.drain(db)
        with db.transaction() as conn:
            root = conn.root()[APP_ROOT_KEY]
            docids = [root.docmap.get(d) for d in list(root.docmap.objects.keys())]
            assert len(docids) == len(set(map(id, docids)))  # nothing catalogued twice
            for n, writer in enumerate(writers):
                for name in writer.names:
                    assert found(root, name) == [root[f"w{n}"][name]]
        indexer.close()
    finally:
        db.close()
