"""Failure counters kept in ZODB, so every application process on one database (ZEO,
RelStorage) sees the same counts, with a growing delay instead of a hard lock.

Each key (``pair:<account>|<address>``, ``address:…``, ``account:…``, ``register:…``)
has a ``Count``: how many failures, and when the last one was. A key allows ``free``
failures; after that the next try waits 2, 4, 8 … seconds after the last failure, up to
``max_delay``. A key with no failure for ``forget`` is forgotten.

Concurrency: counts are read and written in short transactions of their own (their own
connection), not in the request's: a try is recorded and committed *before* the password
is checked (slow guesses in parallel can't all pass on one old count), and what the
request does afterwards can't lose it. Two processes recording a failure on one key at
once don't conflict: ``Count._p_resolveConflict`` adds both increments (as
``BTrees.Length`` does). Keys live in the OOBTree of the current *generation* (one per
``forget`` period; a key's count is carried over from the previous one when it is next
written); generations older than the previous one are dropped whole, so the table never
outgrows two periods' worth of keys. Inserting the same new key or a new generation in two
processes at once can still conflict: that short transaction is then simply run again.
"""

from dataclasses import dataclass
from datetime import timedelta

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from ZODB.POSException import ConflictError

ROOT_KEY = "portal_failure_counters"  # in the ZODB root, beside the application's root
RETRIES = 8


class Count(Persistent):
    """Failures of one key: ``n`` and the timestamp of the ``last`` one (UTC seconds)."""

    def __init__(self, n=0, last=0.0):
        self.n = n
        self.last = last

    def _p_resolveConflict(self, old, committed, new):
        """Merge two concurrent changes: both deltas of ``n`` count, the later ``last``."""
        merged = dict(committed)
        merged["n"] = max(0, committed.get("n", 0) + new.get("n", 0) - old.get("n", 0))
        merged["last"] = max(committed.get("last", 0.0), new.get("last", 0.0))
        return merged


@dataclass(frozen=True)
class Rule:
    """How many failures a kind of key allows before the growing delay starts."""

    free: int


@dataclass(frozen=True)
class Verdict:
    """Whether a try may go on; if not, ``wait`` seconds until it may (and ``key``)."""

    allowed: bool
    wait: float = 0.0
    key: str = ""


class FailureCounters:
    """The counters of one database: ``check`` / ``record`` / ``forgive`` keys."""

    def __init__(self, db, clock, forget=timedelta(hours=1), max_delay=timedelta(minutes=15)):
        self.db = db
        self.clock = clock
        self.forget = forget.total_seconds()
        self.max_delay = max_delay.total_seconds()

    # -- reading and writing ------------------------------------------------------------

    def _run(self, work):
        """Run ``work(generations, now)`` in a short transaction of its own, again on a
        conflict the merge could not resolve."""
        for attempt in range(RETRIES):
            try:
                with self.db.transaction() as conn:
                    root = conn.root()
                    generations = root.get(ROOT_KEY)
                    if generations is None:
                        generations = root[ROOT_KEY] = OOBTree()
                    return work(generations, self.clock.now().timestamp())
            except ConflictError:
                if attempt == RETRIES - 1:
                    raise
        return None  # pragma: no cover - the loop returns or raises

    def _generation(self, now):
        return int(now // self.forget)

    def _state(self, generations, key, now):
        """(n, last) of ``key`` as of ``now``: 0 once it has been quiet for ``forget``."""
        gen = self._generation(now)
        for g in (gen, gen - 1):
            table = generations.get(g)
            count = table.get(key) if table is not None else None
            if count is not None:
                if now - count.last >= self.forget:
                    return 0, 0.0
                return count.n, count.last
        return 0, 0.0

    def _write(self, generations, key, now, n):
        gen = self._generation(now)
        table = generations.get(gen)
        if table is None:
            table = generations[gen] = OOBTree()
            for old in list(generations.keys(max=gen - 2)):
                del generations[old]
        count = table.get(key)
        if count is None:
            table[key] = Count(n, now)
        else:
            count.n, count.last = n, now

    def delay_after(self, n, rule):
        """Seconds a key with ``n`` failures waits after its last one (0 while free)."""
        if n < rule.free:
            return 0.0
        return float(min(2 ** (n - rule.free + 1), self.max_delay))

    def _verdict(self, generations, keys, now):
        longest = Verdict(True)
        for key, rule in keys:
            n, last = self._state(generations, key, now)
            wait = last + self.delay_after(n, rule) - now
            if wait > 0 and wait > longest.wait:
                longest = Verdict(False, wait, key)
        return longest

    # -- the interface --------------------------------------------------------------------

    def check(self, keys):
        """The verdict for ``keys`` (pairs of key and Rule), recording nothing."""
        return self._run(lambda generations, now: self._verdict(generations, keys, now))

    def attempt(self, keys):
        """Refuse (nothing counted) while any key must wait; else count one failure against
        every key now, committed before the caller checks anything: the caller forgives
        the keys it must when the try turns out right."""

        def work(generations, now):
            verdict = self._verdict(generations, keys, now)
            if verdict.allowed:
                for key, _rule in keys:
                    n, _last = self._state(generations, key, now)
                    self._write(generations, key, now, n + 1)
            return verdict

        return self._run(work)

    def forgive(self, clear=(), give_back=()):
        """A right try: forget every failure of the ``clear`` keys, take one back from each
        of ``give_back`` (an address keeps its other users' failures)."""

        def work(generations, now):
            for key in clear:
                if self._state(generations, key, now)[0]:
                    self._write(generations, key, now, 0)
            for key in give_back:
                n, last = self._state(generations, key, now)
                if n:
                    self._write(generations, key, last, n - 1)

        self._run(work)

    def count(self, key):
        """How many failures ``key`` holds now (for tests and the admin)."""
        return self._run(lambda generations, now: self._state(generations, key, now)[0])
