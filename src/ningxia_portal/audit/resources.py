"""``/manage/audit/``: the audit log, append-only, in the database.

Every entry is a tuple stored under a key of its own, ``(time in µs since the epoch, random
32 bits)``: two writers, in one process or several, never write the same key, so concurrent
appends only add distinct keys to the tree's buckets, which BTrees merge, and the count is
a ``BTrees.Length``, which merges by adding. Nothing changes an entry once written: the log
has an ``append`` and no other writer, the entries are tuples, and no view writes.

Many requests write at once (8 logins, 8 reviewers' moves): their entries all sort at the
end of the same buckets, which BTrees cannot merge when both writers add there. So a
request only adds its entry to ``waiting``, a ``PendingEntries`` whose conflicts always
merge (the union of what each writer added, less what a flush moved), and ``flush`` moves
the pending entries into the trees in a short transaction of its own after the commit of
the request that finds enough of them waiting (``recording.py``): a flush that conflicts
with another simply leaves its entries for the next one, and the log's readers merge the
pending entries in, so nothing is lost or hidden.

Search reads small secondary indexes, ``OOTreeSet``s of ``(value, time, random)`` per
actor, action and target (also never colliding), and walks keys newest first with
``maxKey`` (a few buckets per page, whatever the log's size): never a scan of the log.
"""

import heapq
import itertools
import random
from datetime import UTC, datetime, timedelta

from BTrees.Length import Length
from BTrees.OOBTree import OOBTree, OOTreeSet
from persistent import Persistent
from pyramid.authorization import DENY_ALL, Allow

from ningxia_portal.core.clock import local_time
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import ADMIN, Permissions

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)
MAX_RANDOM = 2**32 - 1
# What one entry keeps at most of each field (a detail is a sentence, not a document).
LIMITS = {"actor": 64, "address": 64, "action": 64, "target": 200, "detail": 1000}
FIELDS = ("actor", "address", "action", "target", "detail")


def microseconds(when):
    """An aware datetime as µs since the epoch (exact, no float)."""
    return (when - EPOCH) // MICROSECOND


def key_name(key):
    """An entry's name in URLs: ``<µs>-<random>``."""
    return f"{key[0]}-{key[1]}"


def parse_key(name):
    """The key a name stands for, or None when it isn't one well formed."""
    if not isinstance(name, str):
        return None
    time, sep, rand = name.partition("-")
    if not sep or not time.isdigit() or not rand.isdigit() or len(time) > 20 or len(rand) > 10:
        return None
    key = (int(time), int(rand))
    return key if key_name(key) == name and key[1] <= MAX_RANDOM else None


def _clean(value, limit):
    value = "" if value is None else str(value)
    return value if len(value) <= limit else value[: limit - 1] + "…"


class PendingEntries(Persistent):
    """Entries appended but not yet in the trees: key -> values. Concurrent changes always
    merge: each writer adds keys no other takes, a flush removes the keys it moved."""

    def __init__(self):
        self.items = {}

    def add(self, key, values):
        self.items[key] = values
        self._p_changed = True

    def take(self, limit):
        """Up to ``limit`` pending entries, removed: [(key, values)]."""
        taken = sorted(self.items.items())[:limit]
        for key, _values in taken:
            del self.items[key]
        if taken:
            self._p_changed = True
        return taken

    def __len__(self):
        return len(self.items)

    def _p_resolveConflict(self, old, committed, new):
        base = old.get("items", {})
        merged = dict(committed.get("items", {}))
        mine = new.get("items", {})
        for key, values in mine.items():
            if key not in base:
                merged[key] = values  # added by this writer
        for key in base:
            if key not in mine:
                merged.pop(key, None)  # moved into the trees by this writer
        state = dict(committed)
        state["items"] = merged
        return state


class AuditLog(Persistent):
    """The log of the back office: admins read and search it; nobody changes it."""

    __name__ = None
    __parent__ = None
    title = _("Audit log")
    waiting = None  # a log made before entries waited for a flush gets one at its first
    # Admins may enter and read, nothing else: the DENY_ALL stops the root's ALL_PERMISSIONS.
    __acl__ = [(Allow, ADMIN, (Permissions.MANAGE, Permissions.VIEW_AUDIT)), DENY_ALL]

    def __init__(self):
        self.entries = OOBTree()  # (µs, random) -> (actor, address, action, target, detail)
        self.count = Length()
        self.by_actor = OOTreeSet()  # (actor, µs, random)
        self.by_action = OOTreeSet()  # (action, µs, random)
        self.by_target = OOTreeSet()  # (target, µs, random)
        self.waiting = PendingEntries()

    def __len__(self):
        return self.count()

    # -- the one writer ----------------------------------------------------------------
    def append(self, when, actor, address, action, target="", detail=""):
        """Add an entry at ``when`` (aware); returns its key."""
        values = tuple(
            _clean(v, LIMITS[f])
            for f, v in zip(FIELDS, (actor, address, action, target, detail), strict=True)
        )
        key = self._new_key(microseconds(when))
        self.pending_entries().add(key, values)
        self.count.change(1)
        return key

    def pending_entries(self):
        """The entries waiting for a flush (made for a log written before there was one)."""
        if self.waiting is None:
            self.waiting = PendingEntries()
        return self.waiting

    def flush(self, limit=5000):
        """Move up to ``limit`` pending entries into the trees and indexes; how many."""
        moved = self.pending_entries().take(limit)
        for key, values in moved:
            while key in self.entries:  # the same µs and 32 random bits: draw again
                key = (key[0], random.getrandbits(32))
            self.entries[key] = values
            actor, _address, action, target, _detail = values
            for index, value in (
                (self.by_actor, actor),
                (self.by_action, action),
                (self.by_target, target),
            ):
                if value:
                    index.add((value, *key))
        return len(moved)

    def _new_key(self, time):
        """A key no other writer takes: the time and 32 random bits. Entries of one
        connection within one µs (one request's moves, a frozen clock) still follow each
        other: the random part then grows from the last key this connection wrote.

        Only the pending entries are looked at: the trees' newest bucket changes with every
        flush, and reading it again in each writer's connection cost more than the rest of
        the append. The flush, which reads it anyway, draws again for a key already there.
        """
        last = getattr(self, "_v_last", None)
        key = (time, random.getrandbits(32))
        if last is not None and last[0] == time and last[1] < MAX_RANDOM - 2**16:
            key = (time, last[1] + 1 + random.getrandbits(16))
        while key in self.pending_entries().items:  # pragma: no cover
            key = (time, random.getrandbits(32))
        self._v_last = key
        return key

    # -- reading -------------------------------------------------------------------------
    def __getitem__(self, name):
        # Every well-formed name traverses: the entry's view answers 404 for a missing one
        # after the permission check, so a visitor who may not enter learns nothing.
        key = parse_key(name)
        if key is None:
            raise KeyError(name)
        return Entry(key, self._values(key), self)

    def _values(self, key):
        values = self.entries.get(key)
        return self.pending_entries().items.get(key) if values is None else values

    def entry(self, key):
        values = self._values(key)
        return None if values is None else Entry(key, values, self)

    def actions(self):
        """Every action the log holds, in order: one ``minKey`` per distinct action."""
        found, probe = [], ("",)
        while True:
            try:
                key = self.by_action.minKey(probe)
            except ValueError:
                return found
            found.append(key[0])
            probe = (key[0] + "\0",)  # past every (action, …) of this action

    def search(self, actor="", action="", target="", start=None, end=None, before=None):
        """A ``Search`` of the entries matching every filter given, newest first.

        ``action`` ending with "." matches every action it begins; ``start``/``end`` are µs
        (inclusive, exclusive); ``before`` a key (exclusive: the page that follows). The
        most selective filter given is walked in its index; the others are checked per
        entry, which the ``Search`` counts so that a page can bound its work.
        """
        low = (start or 0, 0)
        high = (end - 1, MAX_RANDOM) if end else (2**63, MAX_RANDOM)
        if before is not None and before <= high:
            high = (before[0], before[1] - 1)
        if low > high:
            keys = iter(())
        elif actor:
            keys = _walk_index(self.by_actor, actor, low, high)
        elif target:
            keys = _walk_index(self.by_target, target, low, high)
        elif action.endswith("."):
            names = [a for a in self.actions() if a.startswith(action)]
            walks = [_walk_index(self.by_action, name, low, high) for name in names]
            keys = heapq.merge(*walks, reverse=True)
        elif action:
            keys = _walk_index(self.by_action, action, low, high)
        else:
            keys = _walk_back(self.entries, low, high)
        # Entries not yet flushed into the trees: few, checked like the others.
        waiting = sorted(
            (
                k
                for k in (self.waiting.items if self.waiting is not None else ())
                if low <= k <= high
            ),
            reverse=True,
        )
        if waiting:
            keys = heapq.merge(keys, waiting, reverse=True)
        return Search(self, keys, actor, action, target)

    def _matches(self, key, actor, action, target):
        values = self._values(key)
        if values is None:  # pragma: no cover - the indexes are written with the entries
            return False
        if actor and values[0] != actor:
            return False
        if target and values[3] != target:
            return False
        if not action:
            return True
        return values[2].startswith(action) if action.endswith(".") else values[2] == action


class Search:
    """Matching entries, newest first: ``take(n, budget)`` gives the next ``n`` having
    looked at no more than ``budget`` candidates; ``last`` is the last key looked at
    (where the next page starts) and ``done`` whether nothing is left."""

    def __init__(self, log, keys, actor, action, target):
        self.log = log
        self.keys = keys
        self.filters = (actor, action, target)
        self.last = None
        self.done = False

    def take(self, count, budget):
        found, examined = [], 0
        while len(found) < count and examined < budget:
            key = next(self.keys, None)
            if key is None:
                self.done = True
                break
            examined += 1
            self.last = key
            if self.log._matches(key, *self.filters):
                found.append(self.log.entry(key))
        return found

    def more(self):
        """Whether another match may follow (one more candidate looked at)."""
        if self.done:
            return False
        key = next(self.keys, None)
        if key is None:
            self.done = True
            return False
        self.keys = itertools.chain((key,), self.keys)
        return True


def _walk_back(tree, low, high):
    """Keys of ``tree`` from ``high`` down to ``low`` (inclusive), one ``maxKey`` each."""
    probe = high
    while True:
        try:
            key = tree.maxKey(probe)
        except ValueError:
            return
        if key < low:
            return
        yield key
        probe = (*key[:-1], key[-1] - 1)  # the largest key below this one


def _walk_index(index, value, low, high):
    """The entry keys of one ``value`` of an index, newest first, within [low, high]."""
    for key in _walk_back(index, (value, *low), (value, *high)):
        yield key[1:]


class Entry:
    """One entry as the admin reads it at ``/manage/audit/<µs>-<random>``; nothing sets it."""

    def __init__(self, key, values, parent):
        self.key = key
        self.values = values
        self.__name__ = key_name(key)
        self.__parent__ = parent

    @property
    def exists(self):
        return self.values is not None

    @property
    def title(self):
        return self.__name__

    @property
    def when(self):
        return local_time(EPOCH + self.key[0] * MICROSECOND)

    def __getattr__(self, name):
        if name in FIELDS:
            return self.values[FIELDS.index(name)]
        raise AttributeError(name)
