"""Deferred cataloguing: a request queues what it added, one indexer per process catalogues it.

Cataloguing a filing writes ~100 objects (a bucket of every index, one per word of its
text) and, worse, conflicts: every insert into a BTree reads its inner nodes "current", so
a bucket split anywhere in an index fails every concurrent transaction that wrote below
that node. Eight writers indexing at once replayed more requests than they committed.

So a request that adds a case only queues it (``defer``: its oid in ``root.index_queue``).
After its transaction commits and before its answer leaves, the request settles it
(``Indexer.settle``): while other writers are about to commit, it waits for them; the last
one catalogues every queued case in one transaction of its own and wakes the others (group
commit), so eight concurrent submissions share one batch and the buckets it touches.
Queued documents get increasing docids: a batch appends to the last bucket of each index
instead of touching one at random per document. A document's docid is its oid (ZODB hands
them out in increasing order), proposed in the request that queues it (``propose_docid``):
set by the indexer, it would write the whole document a second time. When that docid is
taken, the queue's own increasing series (``IndexQueue.next_docid``) hands out another. The answer
still leaves after the case is catalogued, so the user's next page (my filings, the work
queue) lists it.

The queue merges concurrent changes (requests add, the indexer removes), so queuing never
conflicts. What a crashed process left queued is catalogued at the next start-up or by the
next drain.
"""

import logging
import random
import threading
import time

import transaction
from persistent import Persistent
from ZODB.POSException import ConflictError, POSKeyError
from ZODB.utils import u64

from ningxia_portal.indexing.catalog import find_root, index_tree

log = logging.getLogger(__name__)

BATCH = 500  # documents catalogued per transaction at most
ATTEMPTS = 10
_FIRST_DOCID = 1  # random docids are spread over 1 … 2**31: a taken docid is skipped


class IndexQueue(Persistent):
    """Oids of objects to catalogue, in order; and the next docid the indexer hands out."""

    def __init__(self):
        self.pending = ()
        self.next_docid = _FIRST_DOCID

    def add(self, oid):
        if oid not in self.pending:
            self.pending = self.pending + (oid,)

    def take(self, oids):
        done = set(oids)
        self.pending = tuple(o for o in self.pending if o not in done)

    def docids(self, docmap):
        """A function handing out the next free docid of this queue's increasing series."""

        def next_docid():
            docid = self.next_docid
            while docid in docmap.objects:
                docid += 1
            self.next_docid = docid + 1
            return docid

        return next_docid

    def _p_resolveConflict(self, old, committed, new):
        """Merge additions (requests) and removals (the indexer); two indexers conflict."""
        keys = {"pending", "next_docid"}
        if not set(old) == set(committed) == set(new) == keys:
            raise ConflictError
        first = old["next_docid"]
        if committed["next_docid"] != first and new["next_docid"] != first:
            # Two indexers at once (two processes) that both handed out docids of the
            # series; with docids proposed at queue time they meet in the docmap's bucket
            # instead (the same docid inserted twice). Either way one starts again.
            raise ConflictError
        before = old["pending"]
        removed = (set(before) - set(new["pending"])) | (set(before) - set(committed["pending"]))
        merged = [o for o in committed["pending"] if o not in removed]
        merged += [o for o in new["pending"] if o not in before and o not in merged]
        return {
            "pending": tuple(merged),
            "next_docid": max(committed["next_docid"], new["next_docid"]),
        }


def install(root):
    """Give the root its queue (evolve step 14)."""
    if getattr(root, "index_queue", None) is None:
        root.index_queue = IndexQueue()
    return root.index_queue


def defer(request, obj):
    """Catalogue ``obj`` (and what it holds) after this request's transaction commits.

    Without a queue (a database before evolve step 14) or a root, it is catalogued now.
    """
    root = find_root(obj)
    queue = getattr(root, "index_queue", None)
    if queue is None:
        index_tree(obj, root)
        return
    jar = root._p_jar
    if obj._p_oid is None:
        jar.add(obj)
    propose_docid(obj)
    queue.add(obj._p_oid)
    if not getattr(request, "_index_drain", False):  # once per attempt (a replay is another)
        request._index_drain = True
        db, indexer = jar.db(), request.registry.indexer
        lock = getattr(request.registry, "write_lock", None)  # web/writers.py
        busy = lock.busy if lock is not None else (lambda: False)

        def committed(ok):
            if ok:
                request._index_ticket = indexer.ticket()

        jar.transaction_manager.get().addAfterCommitHook(committed)
        request.add_finished_callback(
            lambda _request: indexer.settle(db, getattr(_request, "_index_ticket", None), busy)
        )


def propose_docid(obj):
    """Give a queued document its oid as docid. Whether that is free, the indexer checks
    (``index_tree``): reading the docmap here would load its last bucket, which every
    batch changes, in each request's connection."""
    if getattr(obj, "__docid__", None) is None:
        obj.__docid__ = u64(obj._p_oid)


class Indexer:
    """The process's cataloguer of queued documents: one at a time, on a connection of its own.

    Group commit: a request whose case is queued waits while other writers are about to
    commit (``busy()``, the serialized views' lock); the last of them catalogues every
    queued case in one transaction and wakes the others. So eight writers share one batch
    and its buckets instead of writing ~100 objects each. A waiter catalogues by itself
    after ``MAX_WAIT`` or when ``MAX_BATCH`` cases wait, whatever the others do.

    The connection stays open between batches, so its cache keeps the index buckets it
    wrote last (the ones the next batch appends to) instead of reading them again.
    """

    MAX_WAIT = 0.2  # seconds a request waits for another to catalogue its case
    MAX_BATCH = 64  # cases waiting: catalogue them now

    def __init__(self):
        self.lock = threading.Lock()
        self.db = self.tm = self.conn = None
        self.cond = threading.Condition()
        self.tickets = 0  # submissions committed with a queued case, in order
        self.indexed = 0  # every ticket up to this one is catalogued
        self.draining = False
        self.batches = self.documents = 0  # what it did, for the benchmark's report

    def wake(self):
        """Let waiting requests look again (the write lock fell idle: nobody else comes)."""
        with self.cond:
            self.cond.notify_all()

    def ticket(self):
        """Number a committed submission (called right after its commit)."""
        with self.cond:
            self.tickets += 1
            if self.tickets - self.indexed >= self.MAX_BATCH:
                self.cond.notify_all()
            return self.tickets

    def settle(self, db, ticket, busy):
        """Return once the submission ``ticket`` is catalogued: by another request's batch,
        or by this one's (see the class). Nothing to do for an attempt that didn't commit."""
        if ticket is None:
            return
        deadline = time.monotonic() + self.MAX_WAIT
        with self.cond:
            while self.indexed < ticket:
                if not self.draining and (
                    not busy()
                    or self.tickets - self.indexed >= self.MAX_BATCH
                    or time.monotonic() >= deadline
                ):
                    self.draining = True
                    target = self.tickets  # committed before the batch's transaction begins
                    break
                self.cond.wait(max(0.0, deadline - time.monotonic()))
            else:
                return
        done = None
        try:
            done = self.drain(db)
        finally:
            with self.cond:
                self.draining = False
                if done is not None:
                    self.indexed = max(self.indexed, target)
                self.cond.notify_all()

    def drain(self, db):
        """Catalogue everything queued; return how many, or None when something stays
        queued (logged, never raised: the next drain takes it)."""
        with self.lock:
            try:
                return self._drain(self._connection(db))
            except Exception:
                log.exception("cataloguing the queued documents failed; they stay queued")
                self.close()
                return None

    def close(self):
        if self.conn is not None and self.conn.opened:
            self.tm.abort()
            self.conn.close()
        self.db = self.tm = self.conn = None

    def _connection(self, db):
        if self.conn is None or self.db is not db or not self.conn.opened:
            self.close()
            if not getattr(db, "_ningxia_indexer", False):  # one more connection: this one
                db._ningxia_indexer = True
                db.setPoolSize(db.getPoolSize() + 1)
            self.tm = transaction.TransactionManager()
            self.conn = db.open(transaction_manager=self.tm)
            self.db = db
        return self.conn

    def _drain(self, conn):
        from ningxia_portal.core.root import APP_ROOT_KEY

        tm, done, attempt = self.tm, 0, 0
        while attempt < ATTEMPTS:
            try:
                with tm:
                    root = conn.root()[APP_ROOT_KEY]
                    queue = getattr(root, "index_queue", None)
                    if queue is None or not queue.pending:
                        return done
                    batch = queue.pending[:BATCH]
                    docids = queue.docids(root.docmap)
                    for oid in batch:
                        obj = _load(conn, oid)
                        if obj is not None and find_root(obj) is root:
                            # Catalogue the state read: a request that changes the
                            # document before this commits makes it conflict (and start
                            # again) rather than leave the indexes a version behind.
                            conn.readCurrent(obj)
                            index_tree(obj, root, docids=docids)
                    queue.take(batch)
                    tm.get().note("ningxia-portal: catalogue queued documents")
                done += len(batch)
                self.batches += 1
                self.documents += len(batch)
                attempt = 0
            except ConflictError:
                attempt += 1
                time.sleep(random.uniform(0, 0.01 * attempt))  # noqa: S311 - jitter
        log.warning("the index queue still conflicts after %d attempts", ATTEMPTS)
        return None


def _load(conn, oid):
    try:
        obj = conn.get(oid)
        obj._p_activate()
    except POSKeyError:  # gone (packed away) before it was catalogued
        return None
    return obj
