"""The database pyramid_zodbconn opens from ``zodbconn.uri``, with connections that go back
to the pool when they can't be opened, and transactions of their own (``db.transaction()``)
that give their connection back when their commit fails.

Opening a ZODB connection begins its view of the storage: RelStorage asks PostgreSQL for
the changes since its last view. While PostgreSQL is away that raises, and ZODB leaves the
connection half-opened: taken out of the pool, still marked open, still registered with the
request's transaction manager, which nobody closes (the caller never got it). Every request
and every readiness probe of an outage would leave one behind until the garbage collector
finds it, the pool's warm connections would be lost, and closing the database (at shutdown)
would fail on them. Here a connection whose opening fails undoes it and returns to the pool;
its next opening asks the storage again.
"""

import contextlib

import transaction
from ZODB import DB
from ZODB.Connection import Connection
from zodburi import resolve_uri


class PortalConnection(Connection):
    def open(self, transaction_manager=None, delegate=True):
        try:
            super().open(transaction_manager, delegate)
        except Exception:
            self._back_to_pool()
            raise

    def _back_to_pool(self):
        """What ``close()`` does, for a connection that failed on its way in (before or after
        registering with its transaction manager; no object of it was loaded)."""
        manager, self.transaction_manager = self.transaction_manager, None
        if manager is not None:
            with contextlib.suppress(KeyError):  # failed before registering
                manager.unregisterSynch(self)
        with contextlib.suppress(Exception):  # the storage is away: nothing to end there
            self._storage.afterCompletion()
        if self.opened is not None:
            self._db._returnToPool(self)

    # The stored objects (not the new ones) the last transaction this connection committed
    # changed, savepoints included, and that transaction: see ``changed_by``.
    last_changed = ()
    last_committed = None

    def tpc_finish(self, transaction):
        creating = self._creating  # a savepoint's objects may be stored twice
        self.last_changed = [oid for oid in dict.fromkeys(self._modified) if oid not in creating]
        self.last_committed = transaction
        super().tpc_finish(transaction)


def changed_by(conn, transaction):
    """The oids of the stored objects ``transaction`` changed through ``conn`` (a
    ``PortalConnection``), once it committed: what the next transaction of the same kind will
    most likely change again, and can ``prefetch`` (from a ZEO or RelStorage server, one round
    trip for all of them instead of one each as it reaches them). () when it wrote nothing
    there: such a transaction never commits on the connection, which still holds the one
    before's."""
    if getattr(conn, "last_committed", None) is not transaction:
        return ()
    return conn.last_changed


def let_go(jar, everything=False):
    """Write what ``jar``'s transaction changed so far to a savepoint, then let the
    connection's cache drop the objects it holds beyond its size (``everything``: all it
    can, for objects far larger than the cache's count assumes). A long step over a million
    records calls it every few thousand, so it runs in bounded memory: a changed object stays
    in the cache until a savepoint has written it. Nothing without ``jar`` (a tree not
    stored yet)."""
    if jar is None:
        return
    jar.transaction_manager.savepoint(optimistic=True)
    if everything:
        jar.cacheMinimize()
    else:
        jar.cacheGC()


class OwnTransaction:
    """``with db.transaction() as conn:`` a connection in a transaction of its own, committed
    at the end (aborted on an exception), and the connection closed whatever happened.

    ZODB's own context manager closes the connection only after a commit that succeeded. A
    commit that failed (a conflict: two audit flushes, two throttle counts at once) left the
    connection open, joined to the failed transaction and out of the pool until the garbage
    collector found it, with its cache: under the review benchmark up to 61 connections were
    alive at once, and the server's memory followed.
    """

    def __init__(self, db, note=None):
        self.db = db
        self.note = note

    def __enter__(self):
        self.tm = transaction.TransactionManager()
        self.conn = self.db.open(self.tm)
        txn = self.tm.begin()
        if self.note:
            txn.note(self.note)
        return self.conn

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is None:
                self.tm.commit()
            else:
                self.tm.abort()
        except BaseException:
            self.tm.abort()  # a failed commit: out of the transaction, so it can close
            raise
        finally:
            self.conn.close()


class PortalDB(DB):
    klass = PortalConnection

    def transaction(self, note=None):
        return OwnTransaction(self, note)


def db_from_uri(uri, dbname, dbmap):
    """pyramid_zodbconn's own, making a ``PortalDB``."""
    storage_factory, dbkw = resolve_uri(uri)
    dbkw["database_name"] = dbname
    return PortalDB(storage_factory(), databases=dbmap, **dbkw)
