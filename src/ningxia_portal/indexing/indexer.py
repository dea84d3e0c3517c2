"""The process's cataloguer of queued documents (indexing/queue.py says what it reads).

Group commit: a request whose case is queued waits while other writers are about to commit
(``busy()``, the serialized views' lock); the last of them catalogues every queued case in
one transaction and wakes the others. So eight writers share one batch and its buckets
instead of writing ~100 objects each.

One document never holds up the others: when cataloguing one raises (anything but a
ConflictError, which starts the batch again as before), the batch's transaction is thrown
away and done again with each document in a savepoint of its own, so the failing one's
partial index writes roll back alone and the rest commit. The failure is recorded in the
queue; the document is tried again by the next drains and set aside after MAX_FAILURES,
logged, for the admins to see and re-queue. The first pass takes no savepoints: they would
copy the buckets every document of a batch shares once per document.
"""

import logging
import random
import threading
import time
from datetime import UTC, datetime

import transaction
from ZODB.POSException import ConflictError
from ZODB.utils import u64

from ningxia_portal.core.database import changed_by
from ningxia_portal.indexing.catalog import find_root, index_tree
from ningxia_portal.indexing.queue import MAX_FAILURES, failure_of, load, owner_of, process_token

log = logging.getLogger(__name__)

BATCH = 500  # documents catalogued per transaction at most
ATTEMPTS = 10  # conflicts in a row before a drain gives up (the next one goes on)


class _DocumentFailed(Exception):
    """A document raised in a batch without savepoints: do the batch again, carefully."""


class Indexer:
    """Catalogues what requests queued: one drain at a time, on a connection of its own.

    A request waits in ``settle`` for its case to be catalogued: by another request's batch,
    or by its own when nobody else is coming, after ``MAX_WAIT``, or when ``MAX_BATCH``
    cases wait. The connection stays open between batches, so its cache keeps the index
    buckets it wrote last (the ones the next batch appends to) instead of reading them again.
    """

    MAX_WAIT = 0.2  # seconds a request waits for another to catalogue its case
    MAX_BATCH = 64  # cases waiting: catalogue them now
    ADOPT_AFTER = 5.0  # seconds another process's queued case waits before this one takes it

    def __init__(self, registry=None, token=None):
        self.registry = registry  # for the clock of failures' times
        self._token = token  # None: the process's (indexing/queue.py)
        self.foreign = {}  # entries another process queued -> when this indexer first saw them
        self.lock = threading.Lock()
        self.db = self.tm = self.conn = None
        self.cond = threading.Condition()
        self.tickets = 0  # submissions committed with a queued case, in order
        self.indexed = 0  # every ticket up to this one is catalogued
        self.draining = False
        self.hot = ()  # oids the last batch changed: the next one loads them in one go
        # What it did, for the benchmark's report and the tests.
        self.batches = self.documents = self.failures = 0

    @property
    def token(self):
        """The mark of the cases this indexer's requests queue: its process's."""
        return process_token() if self._token is None else self._token

    def now(self):
        if self.registry is None:
            return datetime.now(UTC)
        from ningxia_portal.core.clock import get_clock

        return get_clock(self.registry).now()

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
        """Return once the submission ``ticket`` is catalogued (or failed, see the module):
        by another request's batch, or by this one's. Nothing to do for an attempt that
        didn't commit."""
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

    def drain(self, db, everything=False):
        """Catalogue what this process queued (and what another one left waiting; with
        ``everything``, all that is queued: at start-up); return how many documents left the
        queue's head (catalogued, gone, or failed), or None when the drain itself failed
        (logged, never raised: the next drain takes what stays queued)."""
        with self.lock:
            try:
                return self._drain(self._connection(db), None if everything else self._takes())
            except Exception:
                log.exception("cataloguing the queued documents failed; they stay queued")
                self.close()
                return None

    def close(self):
        if self.conn is not None and self.conn.opened:
            self.tm.abort()
            self.conn.close()
        self.db = self.tm = self.conn = None
        self.hot = ()

    def _takes(self):
        """Which inbox entries this drain takes: its own process's, and another's that have
        waited ``ADOPT_AFTER`` since this indexer first saw them (their process is gone, or
        stuck). Two processes' drains then take different entries and both commit."""
        now, token, seen, foreign = time.monotonic(), self.token, set(), self.foreign

        def take(entry):
            if owner_of(entry) == token:
                return True
            if now - foreign.setdefault(entry, now) >= self.ADOPT_AFTER:
                return True
            seen.add(entry)  # left in the inbox
            return False

        def forget():  # after each batch: what left the inbox is not looked for again
            for entry in [e for e in foreign if e not in seen]:
                del foreign[entry]
            seen.clear()

        take.forget = forget
        return take

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

    def _drain(self, conn, take=None):
        from ningxia_portal.core.root import APP_ROOT_KEY

        tm, done, attempt = self.tm, 0, 0
        after, failed, careful = None, set(), False  # failed: keys that failed in this drain
        while attempt < ATTEMPTS:
            try:
                with tm:
                    if self.hot:
                        conn.prefetch(self.hot)
                    txn = tm.get()
                    root = conn.root()[APP_ROOT_KEY]
                    queue = getattr(root, "index_queue", None)
                    if queue is None:
                        return done
                    batch, reached = queue.next_batch(BATCH, after, failed, take)
                    if take is not None:
                        take.forget()
                    if not batch:
                        return done
                    now_failed = self._catalogue(conn, root, queue, batch, careful)
                    queue.drained()
                    tm.get().note("ningxia-portal: catalogue queued documents")
            except _DocumentFailed:
                careful = True  # the same batch again, each document in a savepoint
                continue
            except ConflictError:
                attempt += 1
                time.sleep(random.uniform(0, 0.01 * attempt))  # noqa: S311 - jitter
                continue
            after, self.hot = reached, changed_by(conn, txn)
            failed.update(now_failed)
            done += len(batch)
            self.batches += 1
            self.documents += len(batch) - len(now_failed)
            self.failures += len(now_failed)
            attempt = 0
            if len(batch) < BATCH:
                # The inbox was emptied and the backlog read to its end: what was queued
                # since belongs to writers that committed after this drain's start, each
                # settling its own (``settle``). Not looking again saves a transaction.
                return done
        log.warning("the index queue still conflicts after %d attempts", ATTEMPTS)
        return None

    def _catalogue(self, conn, root, queue, batch, careful):
        """Catalogue ``batch`` in the current transaction; the keys of those that failed."""
        txn, docids, failed = self.tm.get(), queue.docids(root.docmap), []
        for oid in batch:
            savepoint = txn.savepoint() if careful else None
            obj = None
            try:
                obj = load(conn, oid)
                if obj is None or find_root(obj) is not root:  # gone before its turn
                    queue.catalogued(oid)
                    continue
                # Catalogue the state read: a request that changes the document before this
                # commits makes it conflict (and start again) rather than leave the indexes a
                # version behind.
                conn.readCurrent(obj)
                index_tree(obj, root, docids=docids)
            except ConflictError:
                raise
            except Exception as exc:
                if savepoint is None:
                    raise _DocumentFailed from exc
                savepoint.rollback()
                self._failed(queue, oid, obj, exc)
                failed.append(u64(oid))
            else:
                queue.catalogued(oid)
        return failed

    def _failed(self, queue, oid, obj, exc):
        failure = queue.failed(failure_of(oid, obj, exc, self.now()))
        what = f"{failure.kind or 'document'} {failure.title or failure.name or ''}".strip()
        log.warning(
            "cataloguing %s (oid %#x) failed (%d of %d attempts)",
            what,
            failure.key,
            failure.attempts,
            MAX_FAILURES,
            exc_info=exc,
        )
        if failure.attempts >= MAX_FAILURES:
            log.error(
                "set aside %s (oid %#x) after %d failed attempts: %s: %s; "
                "an admin re-queues it at /manage/indexing/",
                what,
                failure.key,
                failure.attempts,
                failure.error,
                failure.message,
            )
