"""Login throttling: failures counted per key (account, address) in this process's memory.

Counters live in memory, not in ZODB: a persistent counter written on every failed login
would make concurrent requests conflict. Each key keeps at most ``limit`` timestamps, old
ones expire by the clock, and the number of keys is bounded (least recently hit go first),
so an attacker cannot make it grow without bound.
"""

import threading
from collections import OrderedDict
from datetime import timedelta


class Throttle:
    """``hit`` records a failure, ``blocked`` says whether a key is refused, ``reset`` forgets."""

    def __init__(self, clock, limit=5, window=timedelta(minutes=15), max_keys=10_000):
        self.clock = clock
        self.limit = limit
        self.window = window
        self.max_keys = max_keys
        self._hits = OrderedDict()  # key -> [datetime of recent failures], oldest key first
        self._lock = threading.Lock()

    def _recent(self, key, now):
        times = [t for t in self._hits.get(key, ()) if now - t < self.window]
        if times:
            self._hits[key] = times
        else:
            self._hits.pop(key, None)
        return times

    def hit(self, key):
        now = self.clock.now()
        with self._lock:
            times = self._recent(key, now)
            times.append(now)
            self._hits[key] = times[-self.limit :]
            self._hits.move_to_end(key)
            if len(self._hits) > self.max_keys:
                self._evict(now)

    def _evict(self, now):
        for key in [k for k, times in self._hits.items() if now - times[-1] >= self.window]:
            del self._hits[key]
        while len(self._hits) > self.max_keys:
            self._hits.popitem(last=False)

    def blocked(self, key):
        with self._lock:
            return len(self._recent(key, self.clock.now())) >= self.limit

    def reset(self, key):
        with self._lock:
            self._hits.pop(key, None)

    def __len__(self):
        return len(self._hits)
