"""A connection that can't be opened (the storage is away as it begins its view) goes back
to the pool, registered nowhere, and opens again once the storage answers."""

import pytest
import transaction
from ZODB.MappingStorage import MappingStorage
from ZODB.mvccadapter import MVCCAdapterInstance
from ZODB.POSException import ConflictError

from ningxia_portal.core.database import PortalDB, let_go
from ningxia_portal.core.root import get_database


class StorageAway(Exception):
    pass


@pytest.fixture
def db():
    database = PortalDB(MappingStorage())
    yield database
    database.close()


@pytest.fixture
def away(monkeypatch):
    def poll_invalidations(self):
        raise StorageAway

    monkeypatch.setattr(MVCCAdapterInstance, "poll_invalidations", poll_invalidations)
    return monkeypatch


def opened(db):
    return [conn for conn in db.pool.all if conn.opened is not None]


@pytest.mark.parametrize("explicit", [True, False], ids=["request", "probe"])
def test_a_failed_opening_gives_the_connection_back(db, away, explicit):
    """``request``: pyramid_tm's explicit manager with its transaction begun (the failure
    comes as the connection registers); ``probe``: a fresh implicit manager (it comes
    before)."""
    manager = transaction.TransactionManager(explicit=explicit)
    if explicit:
        manager.begin()
    for _attempt in range(3):
        with pytest.raises(StorageAway):
            db.open(transaction_manager=manager)
    assert opened(db) == []
    assert len(db.pool.all) == 1  # the same one each time, back in the pool
    assert not manager.registeredSynchs()

    away.undo()
    conn = db.open(transaction_manager=manager)
    assert conn.root() == {}
    if explicit:
        manager.abort()
    conn.close()
    assert opened(db) == []


def test_a_commit_remembers_the_stored_objects_it_changed_not_the_new_ones(db):
    from persistent.mapping import PersistentMapping

    with db.transaction() as conn:
        conn.root()["kept"] = PersistentMapping()
        conn.root()["also"] = PersistentMapping()
    conn = db.open()
    try:
        kept, also = conn.root()["kept"], conn.root()["also"]
        kept["new"] = PersistentMapping()  # added through its parent
        added = PersistentMapping()
        conn.add(added)  # added explicitly: it has its oid already
        kept["added"] = added
        also["x"] = 1
        transaction.savepoint()  # what was changed before a savepoint counts too
        also["y"] = 2
        transaction.commit()
        assert sorted(conn.last_changed) == sorted([kept._p_oid, also._p_oid])
    finally:
        transaction.abort()
        conn.close()


def test_serving_requests_keeps_no_record_of_them(app, wsgi_app):
    """Nothing is kept per request served: a record per closed connection (ZODB's activity
    monitor, an hour of them) grew the server's memory by ~100 bytes a request."""
    db = get_database(wsgi_app.registry)
    for _request in range(20):
        app.get("/", status=200)
    assert db.getActivityMonitor() is None


def test_a_transaction_whose_commit_conflicts_gives_its_connection_back(db):
    """``db.transaction()``: a commit that fails on a conflict raises, and the connection
    is closed and back in the pool all the same (ZODB's own left it open and joined)."""
    with db.transaction() as conn:
        conn.root()["count"] = 0
    for _attempt in range(3):
        with pytest.raises(ConflictError), db.transaction() as conn:
            conn.root()["count"] += 1
            with db.transaction() as other:  # commits first: the outer one conflicts
                other.root()["count"] += 10
        assert opened(db) == []
    assert len(db.pool.all) == 2  # the same two connections each time
    with db.transaction() as conn:
        assert conn.root()["count"] == 30


def _filled(conn, n):
    """``n`` stored objects under the root's ``things``, committed, then read again as
    ghosts would be in a long step's loop."""
    from BTrees.IOBTree import IOBTree
    from persistent.mapping import PersistentMapping

    conn.root()["things"] = things = IOBTree()
    for i in range(n):
        things[i] = PersistentMapping(n=i)
    conn.transaction_manager.commit()
    conn.cacheMinimize()
    return conn.root()["things"]


@pytest.mark.parametrize("everything", [False, True], ids=["to-size", "everything"])
def test_letting_go_writes_a_savepoint_of_the_own_transaction_and_shrinks_the_cache(
    everything,
):
    """A long step changes and reads a million records: ``let_go`` writes what it changed
    to a savepoint of the connection's own transaction manager (not the thread's) and the
    cache drops what it read, to its size, or to nothing it can drop."""
    database = PortalDB(MappingStorage(), cache_size=50)
    try:
        tm = transaction.TransactionManager()
        conn = database.open(tm)
        things = _filled(conn, 400)
        for i in range(400):
            things[i]["seen"] = True  # 400 changed objects, not droppable until written
        assert conn._cache.cache_non_ghost_count > 400
        let_go(conn, everything=everything)
        assert conn._savepoint_storage is not None  # written to the transaction's savepoint
        assert not transaction.get()._resources  # the thread's transaction got nothing
        held = conn._cache.cache_non_ghost_count
        assert held <= (1 if everything else 50)
        tm.commit()
        assert all(things[i]["seen"] for i in range(400))  # nothing lost by letting go
        conn.close()
    finally:
        database.close()


def test_letting_go_of_an_object_not_stored_yet_does_nothing():
    let_go(None)
    let_go(None, everything=True)
