"""Writers that would only conflict with each other run one at a time per process.

``@view_config(..., serialized=True)`` marks such a view (filing submissions: each takes the
next case number of the day and inserts at the end of the same BTree bucket). Concurrent
ZODB transactions on those objects conflict and pyramid_retry replays all but one of
them, each replay costing a whole request again; the server is one process whose threads
share one interpreter lock, so running those views one after another loses nothing and
saves the replays. The view's transaction starts again once the lock is held, so it reads
what the previous writer committed. Correctness never depends on the lock: another process
(ZEO, several workers) still conflicts and is retried as before.
"""

import logging
import threading

from ningxia_portal.core.database import changed_by

log = logging.getLogger(__name__)


def serialized_view(view, info):
    if not info.options.get("serialized"):
        return view

    hot = []  # what this view's last commit changed in the database (see ``_prefetch``)

    def serialized(context, request):
        lock = request.registry.write_lock
        lock.acquire()
        request.add_finished_callback(lambda _request: lock.release())
        _fresh_transaction(request)
        _prefetch(request, hot)
        return view(context, request)

    return serialized


serialized_view.options = ("serialized",)


def _fresh_transaction(request):
    """End the request's transaction (nothing is written before the view) and begin anew:
    a ZODB connection sees what others committed only from its next transaction on."""
    manager = request.tm
    old = manager.get()
    user, description = old.user, old.description
    manager.abort()
    txn = manager.begin()
    txn.user, txn.description = user, description


def _prefetch(request, hot):
    """Ask the storage at once for the objects the view's last commit changed.

    The next run changes most of them again (the day's counters, the end of the case
    numbers' tree, the index queue), and when another process changed them meanwhile each
    would be read from the server on its own, one round trip after the other, while this
    process's writers wait for the lock. A storage without ``prefetch`` (FileStorage)
    ignores it. What this run changes is kept for the next one once it has committed."""
    conn = getattr(getattr(request, "root", None), "_p_jar", None)  # the request's
    if conn is None:
        return
    if hot:
        conn.prefetch(hot)
    txn = request.tm.get()

    def remember(committed):
        changed = changed_by(conn, txn) if committed else ()
        if changed:  # a run that wrote nothing tells nothing
            hot[:] = changed

    txn.addAfterCommitHook(remember)


class WriteLock:
    """A lock that knows whether writers hold or wait for it (``busy``): a writer that just
    committed waits for the next ones to catalogue their cases together (indexing/queue.py).
    ``when_idle(callback)``: called each time the last writer lets go.
    ``after_release(callback)``: the holder's own work that needn't keep the next writer
    waiting, called (once) in the holder's thread right after it lets go."""

    def __init__(self):
        self._lock = threading.Lock()
        self._count = threading.Lock()
        self._writers = 0
        self._idle = []
        self._owner = None
        self._after = []

    def acquire(self):
        with self._count:
            self._writers += 1
        self._lock.acquire()
        self._owner = threading.get_ident()

    def release(self):
        after, self._after, self._owner = self._after, [], None
        self._lock.release()
        with self._count:
            self._writers -= 1
            idle = self._writers == 0
        for callback in (self._idle if idle else []) + after:
            try:
                callback()
            except Exception:  # the writer's change is committed: its answer goes on
                log.exception("a callback after the write lock was released failed")

    def locked(self):
        return self._lock.locked()

    def held(self):
        """Does the calling thread hold the lock?"""
        return self._owner == threading.get_ident()

    def busy(self):
        return self._writers > 0

    def when_idle(self, callback):
        self._idle.append(callback)

    def after_release(self, callback):
        """Call ``callback`` once the calling thread lets go; at once if it doesn't hold it."""
        if self.held():
            self._after.append(callback)
        else:
            callback()


def includeme(config):
    config.registry.write_lock = WriteLock()
    config.add_view_deriver(serialized_view)
