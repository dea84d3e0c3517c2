"""Login throttling: failures counted per key (account, address) in this process's memory.

Counters live in memory, not in ZODB: a persistent counter written on every failed login
would make concurrent requests conflict. Each key keeps at most ``limit`` timestamps, old
ones expire by the clock, and the number of keys is bounded, so nobody can make it grow
without bound. Two rules keep the bound from being a way around the limit:

* an attempt is *reserved* (counted) before the password is checked, under one lock, so
  parallel requests can't each pass the check before any failure is recorded;
* a blocked key is never evicted to make room: a flood of junk failures evicts only
  expired or unblocked keys, and when the table is full of blocked keys new keys are
  simply not tracked (their own address limit still applies once there is room).
"""

import ipaddress
import threading
from collections import OrderedDict
from datetime import timedelta


def address_key(addr):
    """The throttling key of a client address: IPv6 clients by /64 (one host has many)."""
    try:
        ip = ipaddress.ip_address(addr or "")
    except ValueError:
        return f"address:{addr or '-'}"
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return f"address:{ip.ipv4_mapped}"
        return f"address:{ipaddress.ip_network(f'{ip}/64', strict=False)}"
    return f"address:{ip}"


class Throttle:
    """``attempt`` reserves a try (or refuses), ``succeeded`` gives it back, ``blocked`` asks."""

    def __init__(self, clock, limit=5, window=timedelta(minutes=15), max_keys=10_000):
        self.clock = clock
        self.limit = limit
        self.window = window
        self.max_keys = max_keys
        self._hits = OrderedDict()  # key -> [datetime of recent tries], least recent key first
        self._lock = threading.Lock()

    def _recent(self, key, now):
        times = [t for t in self._hits.get(key, ()) if now - t < self.window]
        if times:
            self._hits[key] = times
        else:
            self._hits.pop(key, None)
        return times

    def _is_blocked(self, key, now):
        return len(self._recent(key, now)) >= self.limit

    def attempt(self, *keys):
        """Count one try against every key; False (nothing counted) if any key is blocked."""
        now = self.clock.now()
        with self._lock:
            if any(self._is_blocked(key, now) for key in keys):
                return False
            for key in keys:
                self._add(key, now)
            return True

    def hit(self, key):
        """Record one failure (for callers that verify before counting)."""
        now = self.clock.now()
        with self._lock:
            self._add(key, now)

    def _add(self, key, now):
        if key not in self._hits and len(self._hits) >= self.max_keys:
            self._evict(now)
            if len(self._hits) >= self.max_keys:
                return  # full of blocked keys: don't evict them for a newcomer
        times = self._recent(key, now)
        times.append(now)
        self._hits[key] = times[-self.limit :]
        self._hits.move_to_end(key)

    def _evict(self, now):
        for key in [k for k, times in self._hits.items() if now - times[-1] >= self.window]:
            del self._hits[key]
        for key in list(self._hits):
            if len(self._hits) < self.max_keys:
                break
            if len(self._hits[key]) < self.limit:
                del self._hits[key]

    def succeeded(self, account_key=None, address_key=None):
        """A right password: forget the account's failures, give the address its try back."""
        with self._lock:
            if account_key is not None:
                self._hits.pop(account_key, None)
            if address_key is not None and self._hits.get(address_key):
                self._hits[address_key].pop()
                if not self._hits[address_key]:
                    del self._hits[address_key]

    def blocked(self, key):
        with self._lock:
            return self._is_blocked(key, self.clock.now())

    def reset(self, key):
        with self._lock:
            self._hits.pop(key, None)

    def __len__(self):
        return len(self._hits)
