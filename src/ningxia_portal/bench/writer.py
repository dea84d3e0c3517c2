"""Batched commits for the generator: bounded transactions, flat memory, honest counters."""

import time

import transaction


class BatchWriter:
    """Commit every ``batch`` persistent objects and empty the connection's cache in between.

    A generator calls ``added(n)`` after writing ``n`` new persistent objects; a commit every
    few thousand objects keeps each transaction small, and ``cacheMinimize`` turns what was
    written back into ghosts so that a million filings need no more memory than a thousand.
    """

    def __init__(self, conn, batch=2000, note="ningxia-portal-gen"):
        if batch < 1:
            raise ValueError("batch must be at least 1")
        self.conn = conn
        self.batch = batch
        self.note = note
        self.objects = 0  # persistent objects written, all domains
        self.commits = 0
        self.pending = 0
        self.started = time.perf_counter()

    def added(self, n=1):
        """Count ``n`` new persistent objects; commit when a batch is full."""
        self.objects += n
        self.pending += n
        if self.pending >= self.batch:
            self.commit()

    def commit(self):
        """Commit what is pending (if anything) and ghostify the cache."""
        if not self.pending:
            return
        txn = transaction.get()
        txn.note(f"{self.note}: batch {self.commits + 1}")
        txn.commit()
        self.commits += 1
        self.pending = 0
        self.conn.cacheMinimize()

    @property
    def elapsed(self):
        return time.perf_counter() - self.started

    def rate(self):
        """Objects written per second so far."""
        return self.objects / self.elapsed if self.elapsed > 0 else 0.0
