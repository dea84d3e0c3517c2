"""Batched commits for the generator: bounded transactions, flat memory, honest counters."""

import gc
import sys
import time

import transaction


class BatchWriter:
    """Commit every ``batch`` persistent objects and trim the connection's cache in between.

    A generator calls ``added(n)`` after writing ``n`` new persistent objects; a commit every
    ``batch`` objects bounds each transaction. After each commit ``cacheGC`` turns the least
    recently used objects back into ghosts, down to the connection's cache size: what was
    written and never touched again (the cases) goes, the ends of the indexes and folders
    that the next batch writes again stay loaded, and memory stays flat for a million
    filings. (Emptying the whole cache instead made every batch load those again: a third
    of the generator's time.)

    Used as a context manager, it also turns Python's automatic cyclic gc off and collects
    once after each commit instead: written objects are long-lived containers, so the
    automatic collector kept walking the growing cache (a third of the time again), while
    the garbage of a batch (cycles through ``__parent__``) is only freed after its commit.
    """

    def __init__(self, conn, batch=2000, note="ningxia-portal-gen"):
        if batch < 1:
            raise ValueError("batch must be at least 1")
        self.conn = conn
        self.batch = batch
        self.note = note
        self.objects = 0  # persistent objects written, all domains
        self.commits = 0
        self.commit_seconds = 0.0  # of which in commits (pickling, writing) and cache trims
        self.pending = 0
        self.started = time.perf_counter()
        self.before_commit = None  # a domain's hook: write what it keeps in memory
        self.progress_every = 60.0  # seconds between progress lines (None: silent)
        self._last_progress = self.started
        self._manual_gc = False
        self._gc_was_enabled = True

    def __enter__(self):
        self._gc_was_enabled = gc.isenabled()
        gc.disable()
        self._manual_gc = True
        return self

    def __exit__(self, *exc):
        self._manual_gc = False
        if self._gc_was_enabled:
            gc.enable()
        return False

    def added(self, n=1):
        """Count ``n`` new persistent objects; commit when a batch is full."""
        self.objects += n
        self.pending += n
        if self.pending >= self.batch:
            self.commit()

    def commit(self):
        """Commit what is pending (if anything) and trim the cache to its size."""
        if not self.pending:
            return
        if self.before_commit is not None:
            self.before_commit()
        started = time.perf_counter()
        txn = transaction.get()
        txn.note(f"{self.note}: batch {self.commits + 1}")
        txn.commit()
        self.commits += 1
        self.pending = 0
        self.conn.cacheGC()
        if self._manual_gc:
            gc.collect()
        now = time.perf_counter()
        self.commit_seconds += now - started
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
