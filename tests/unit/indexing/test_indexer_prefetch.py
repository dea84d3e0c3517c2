"""A drain asks the storage at once for what the last batch changed: the next batch changes
most of it again (the last bucket of each index, the queue), and when another process
changed it meanwhile, a ZEO or RelStorage server then answers for all of it in one round
trip instead of one each."""

from ZODB.FileStorage import FileStorage

from ningxia_portal.core.root import APP_ROOT_KEY
from ningxia_portal.indexing.indexer import Indexer
from tests.unit.indexing.queue_support import found, queue_cases


def test_a_drain_prefetches_what_the_last_batch_changed(db, monkeypatch):
    asked = []
    monkeypatch.setattr(
        FileStorage, "prefetch", lambda self, oids, tid: asked.append(set(oids)), raising=False
    )
    indexer = Indexer()
    queue_cases(db, ["640100-20260302-000001", "640100-20260302-000002"])
    assert indexer.drain(db) == 2
    assert asked == []  # nothing known yet
    first = set(indexer.hot)
    with db.transaction() as conn:
        queue_oid = conn.root()[APP_ROOT_KEY].index_queue._p_oid
    assert queue_oid in first  # every drain changes the queue, among the index buckets

    queue_cases(db, ["640100-20260302-000003"])
    assert indexer.drain(db) == 1
    assert asked == [first]
    with db.transaction() as conn:
        root = conn.root()[APP_ROOT_KEY]
        assert all(found(root, f"640100-20260302-00000{n}") for n in (1, 2, 3))
    indexer.close()
