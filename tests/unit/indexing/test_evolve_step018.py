"""Step 18: a queue stored as one ``pending`` tuple becomes inbox, backlog and set-aside
documents, with no queued oid lost; /manage/indexing/ appears; set-aside documents go back."""

from ZODB import DB
from ZODB.FileStorage import FileStorage
from ZODB.utils import u64

from ningxia_portal.core.evolve import evolve
from ningxia_portal.core.root import APP_ROOT_KEY
from ningxia_portal.indexing.evolve import step018
from ningxia_portal.indexing.indexer import Indexer
from ningxia_portal.indexing.queue import Failure, IndexQueue
from ningxia_portal.indexing.sections import IndexingSection
from tests.unit.filings.helpers import portal_before
from tests.unit.indexing.queue_support import add_case, case_no, found

CASES = [case_no(n) for n in range(1, 6)]


def _old_database(path, registry):
    """A database at step 17 whose queue holds five cases the old way (a tuple)."""
    db = DB(FileStorage(str(path)))
    with db.transaction() as conn:
        root = conn.root()[APP_ROOT_KEY] = portal_before(18, registry)
        root.schema_version = 17
        root["manage"].remove("indexing")
        oids = []
        for name in CASES:
            case = add_case(root, name)
            conn.add(case)
            case.__docid__ = u64(case._p_oid)
            oids.append(case._p_oid)
        queue = root.index_queue = IndexQueue()
        queue.__dict__.clear()  # the state a queue had before step 18
        queue.__dict__.update(pending=tuple(oids), next_docid=9)
    db.close()
    return oids


def test_an_old_queue_loads_and_is_stored_in_parts_without_losing_an_oid(tmp_path, registry):
    path = tmp_path / "Data.fs"
    oids = _old_database(path, registry)
    db = DB(FileStorage(str(path)))
    try:
        with db.transaction() as conn:
            root = conn.root()[APP_ROOT_KEY]
            assert root.index_queue.pending == tuple(oids)  # loadable before the step
            assert "indexing" not in root["manage"]
            evolve(root, registry=registry, commit=False)
            assert root.schema_version >= 18
        with db.transaction() as conn:
            root = conn.root()[APP_ROOT_KEY]
            queue = root.index_queue
            queue._p_activate()
            assert not queue.migrated  # stored in the new shape
            assert "pending" not in queue.__dict__ and queue.next_docid == 9
            assert queue.pending == tuple(oids) and queue.waiting() == 5
            assert list(queue.backlog.keys()) == [u64(oid) for oid in oids]
            assert isinstance(root["manage"]["indexing"], IndexingSection)
        indexer = Indexer()
        assert indexer.drain(db) == 5
        indexer.close()
        with db.transaction() as conn:
            root = conn.root()[APP_ROOT_KEY]
            assert all(len(found(root, name)) == 1 for name in CASES)
            assert root.index_queue.pending == ()
    finally:
        db.close()


def test_an_add_to_a_queue_not_migrated_yet_stores_the_new_shape(tmp_path, registry):
    """A request before step 18 ran (development, a stopped evolve): its add is kept."""
    path = tmp_path / "Data.fs"
    oids = _old_database(path, registry)
    db = DB(FileStorage(str(path)))
    try:
        with db.transaction() as conn:
            conn.root()[APP_ROOT_KEY].index_queue.add(b"\0" * 7 + b"\x63")
        with db.transaction() as conn:
            queue = conn.root()[APP_ROOT_KEY].index_queue
            assert queue.pending == (b"\0" * 7 + b"\x63", *oids)
    finally:
        db.close()


def test_step_18_re_queues_set_aside_documents_and_runs_twice_alike(registry):
    from datetime import UTC, datetime

    from tests.conftest import new_portal

    root = new_portal(registry)
    queue = root.index_queue
    oid = b"\0" * 7 + b"\x2a"
    description = ("Filing", case_no(1), case_no(1), f"/filings/{case_no(1)}")
    when = datetime(2026, 3, 2, 1, tzinfo=UTC)
    queue.set_aside[u64(oid)] = Failure(oid, description, "OSError", "eio", when, attempts=3)
    step018.evolve(root, registry)
    assert len(queue.set_aside) == 0 and queue.pending == (oid,)
    step018.evolve(root, registry)
    assert queue.pending == (oid,) and "indexing" in root["manage"]
