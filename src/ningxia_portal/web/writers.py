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

import threading


def serialized_view(view, info):
    if not info.options.get("serialized"):
        return view

    def serialized(context, request):
        lock = request.registry.write_lock
        lock.acquire()
        request.add_finished_callback(lambda _request: lock.release())
        _fresh_transaction(request)
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


class WriteLock:
    """A lock that knows whether writers hold or wait for it (``busy``): a writer that just
    committed waits for the next ones to catalogue their cases together (indexing/queue.py).
    ``when_idle(callback)``: called each time the last writer lets go."""

    def __init__(self):
        self._lock = threading.Lock()
        self._count = threading.Lock()
        self._writers = 0
        self._idle = []

    def acquire(self):
        with self._count:
            self._writers += 1
        self._lock.acquire()

    def release(self):
        self._lock.release()
        with self._count:
            self._writers -= 1
            idle = self._writers == 0
        if idle:
            for callback in self._idle:
                callback()

    def locked(self):
        return self._lock.locked()

    def busy(self):
        return self._writers > 0

    def when_idle(self, callback):
        self._idle.append(callback)


def includeme(config):
    config.registry.write_lock = WriteLock()
    config.add_view_deriver(serialized_view)
