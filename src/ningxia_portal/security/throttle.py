"""Throttling of failures: tries counted per key (account, address, case) in this process's
memory.

Counters live in memory, not in ZODB: a persistent counter written on every failed try
would make concurrent requests conflict. Each key keeps at most its limit of timestamps,
old ones expire by the clock, and the number of keys is bounded (``max_keys``), so nobody
can make the table grow without bound. Three rules keep the bound from being a way around
the limit:

* a try is *reserved* (counted) before the secret is checked, under one lock, so parallel
  requests can't each pass the check before any failure is recorded;
* a key is never left untracked: a key that is not tracked is never blocked, so "not
  tracked" would mean "unlimited". When a new key needs a slot, expired keys go first,
  then the least recently tried unblocked keys, then the least recently tried *blocked
  address* key (prefixes in ``evictable``);
* when none of those is left (the table is full of blocked keys that protect a secret:
  accounts, cases), the try is refused and nothing is reserved: the throttle fails closed.

Evicting a blocked address gives that address its tries back early; that costs the attacker
``max_keys`` other blocked keys (``max_keys × limit`` failures from as many addresses), and
it is only the address that starts over: the keys that guard one account or one case are
never evicted while blocked, and they are what bounds the guesses against one secret.
Filling the table with blocked account keys needs ``max_keys`` real accounts; with blocked
case keys, ``max_keys × limit`` misses (each caller says what a refused key means for it).
"""

import ipaddress
import threading
from collections import OrderedDict
from datetime import timedelta

ADDRESS_PREFIXES = ("address", "network")  # the keys that may be evicted while blocked


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


def network_key(addr):
    """The key of an IPv6 client's /48 (what one site or tunnel account is given, 65,536
    /64s), or None for IPv4 and anything else."""
    try:
        ip = ipaddress.ip_address(addr or "")
    except ValueError:
        return None
    if ip.version != 6 or ip.ipv4_mapped is not None:
        return None
    return f"network:{ipaddress.ip_network(f'{ip}/48', strict=False)}"


def address_keys(addr):
    """The keys a client's tries count against: its address (IPv6: /64) and, for IPv6, also
    its /48, so a client holding many /64s is limited as one network."""
    network = network_key(addr)
    return [address_key(addr)] + ([network] if network else [])


class Throttle:
    """``attempt`` reserves a try (or refuses), ``succeeded``/``give_back`` give it back,
    ``blocked`` asks.

    ``limits`` maps a key's prefix (before the first ``:``) to its own limit (e.g. a /48
    network allows more than one address); other keys block after ``limit`` tries.
    """

    def __init__(
        self,
        clock,
        limit=5,
        window=timedelta(minutes=15),
        max_keys=10_000,
        limits=None,
        evictable=ADDRESS_PREFIXES,
    ):
        self.clock = clock
        self.limit = limit
        self.window = window
        self.max_keys = max_keys
        self.limits = dict(limits or {})
        self.evictable = tuple(evictable)
        self._hits = OrderedDict()  # key -> [datetime of recent tries], least recent key first
        self._lock = threading.Lock()

    def limit_of(self, key):
        return self.limits.get(key.partition(":")[0], self.limit)

    def _recent(self, key, now):
        times = [t for t in self._hits.get(key, ()) if now - t < self.window]
        if times:
            self._hits[key] = times
        else:
            self._hits.pop(key, None)
        return times

    def _is_blocked(self, key, now):
        return len(self._recent(key, now)) >= self.limit_of(key)

    def attempt(self, *keys):
        """Count one try against every key; False (nothing counted) if any key is blocked
        or cannot be tracked."""
        now = self.clock.now()
        with self._lock:
            if any(self._is_blocked(key, now) for key in keys):
                return False
            if not self._make_room(keys, now):
                return False
            for key in keys:
                self._add(key, now)
            return True

    def hit(self, key):
        """Record one failure (for callers that verify before counting); False when the
        key could not be tracked."""
        now = self.clock.now()
        with self._lock:
            if not self._make_room((key,), now):
                return False
            self._add(key, now)
            return True

    def _add(self, key, now):
        times = self._recent(key, now)
        times.append(now)
        self._hits[key] = times[-self.limit_of(key) :]
        self._hits.move_to_end(key)

    def _make_room(self, keys, now):
        """Whether every one of ``keys`` has a slot, evicting others (never one of
        ``keys``) as the module says."""
        new = {key for key in keys if key not in self._hits}
        if len(self._hits) + len(new) <= self.max_keys:
            return True
        keep = set(keys)
        for key in [k for k, times in self._hits.items() if now - times[-1] >= self.window]:
            if key not in keep:
                del self._hits[key]
        for evict in (self._unblocked, self._blocked_address):
            for key in [k for k in self._hits if k not in keep and evict(k)]:
                if len(self._hits) + len(new) <= self.max_keys:
                    return True
                del self._hits[key]
        return len(self._hits) + len(new) <= self.max_keys

    def _unblocked(self, key):
        return len(self._hits[key]) < self.limit_of(key)

    def _blocked_address(self, key):
        return key.partition(":")[0] in self.evictable

    def give_back(self, *keys):
        """Forget one (the latest) try of each key: a try that turned out right."""
        with self._lock:
            for key in keys:
                times = self._hits.get(key)
                if times:
                    times.pop()
                    if not times:
                        del self._hits[key]

    def succeeded(self, account_key=None, address_key=None):
        """A right password: forget the account's failures, give the address its try back."""
        if account_key is not None:
            self.reset(account_key)
        if address_key is not None:
            self.give_back(address_key)

    def blocked(self, key):
        with self._lock:
            return self._is_blocked(key, self.clock.now())

    def reset(self, key):
        with self._lock:
            self._hits.pop(key, None)

    def __len__(self):
        return len(self._hits)
