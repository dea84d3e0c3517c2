"""Batched commits for the generator: bounded transactions, flat memory, honest counters."""

import sys
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
        self.before_commit = None  # a domain's hook: write what it keeps in memory
        self.progress_every = 60.0  # seconds between progress lines (None: silent)
        self._last_progress = self.started

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
        if self.before_commit is not None:
            self.before_commit()
        txn = transaction.get()
        txn.note(f"{self.note}: batch {self.commits + 1}")
        txn.commit()
        self.commits += 1
        self.pending = 0
        self.conn.cacheMinimize()
        now = time.perf_counter()
        if self.progress_every is not None and now - self._last_progress >= self.progress_every:
            self._last_progress = now
            print(
                f"  … {self.objects:,} objects in {self.elapsed:,.0f} s ({self.rate():,.0f}/s)",
                file=sys.stderr,
                flush=True,
            )

    @property
    def elapsed(self):
        return time.perf_counter() - self.started

    def rate(self):
        """Objects written per second so far."""
        return self.objects / self.elapsed if self.elapsed > 0 else 0.0
