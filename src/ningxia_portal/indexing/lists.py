"""Two catalog indexes for very large, per-person collections (a million filings).

hypatia's FieldIndex answers "which documents have value v", then sorts a result by reading
every document's value: a list of 10,000 cases cost 10,000 lookups (and loaded most of the
index into each connection's cache) to show 20 rows. It also keeps one persistent set per
distinct value, so a unique value per document (a case number, a timestamp) costs a
persistent object per document.

``ListIndex`` keeps *named lists* instead: "the cases of enterprise x", "the queue of
department d". Each list is kept in its display order, with its size and its counts per
facet (department, item …), so a page is a range read of O(log n + page), a total is one
number and the filter options are a handful of counters, whatever the size of the list.
Its discriminator returns ``{list name: (sort key, {facet: value})}``.

``KeyIndex`` maps a unique string (a case number) to its document, with prefix lookups,
in two flat BTrees: no persistent object per document.

Both take part in the catalog like hypatia's own indexes (``index_doc``, ``reindex_doc``,
``unindex_doc``, ``reset``), so adds, edits and removals keep them current. Counters are
``BTrees.Length`` and sort keys end with the (random) docid, so concurrent writers rarely
touch the same bucket and never the same counter value.

What a document is on (``ListIndex._entries``, docid → entries) is stored as one ``bytes``
value per document: its sorted entries, pickled. Two transactions that add documents to one
bucket (two processes cataloguing the newest docids) are merged by BTrees, which compares
the values both left unchanged with ``<`` and takes an error for "changed": dicts can't be
ordered, so a bucket of dicts never merged. Docids are random, so every new case rewrites a
bucket of some 30–60 other documents' entries: kept as nested tuples, each bucket was some
2,000 small objects for ZODB's pickler to visit (a third of what a submission pickled, and
~50 KB in a connection's cache); as bytes it is one object a document (14 µs to pickle a
bucket of 30, against 190 µs; ~11 KB in the cache). Entries stored before as tuples or
dicts are still read, and rewritten when their document is (evolve step 30 rewrites them all).
"""

import heapq
import pickle
from itertools import islice

from BTrees.IFBTree import IFTreeSet, multiunion
from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from persistent import Persistent

from ningxia_portal.core.database import let_go
from ningxia_portal.core.trees import (
    SmallNodeIFTreeSet,
    SmallNodeIOBTree,
    SmallNodeOIBTree,
    SmallNodeOOTreeSet,
)
from ningxia_portal.security.permissions import ADMIN, Roles, granted_scopes

_NOTHING = object()


def scope_lists(index, prefix, principals, role=Roles.REVIEWER):
    """The lists ``<prefix><scope>`` a staff member reads: one per center and department on
    which ``principals`` hold ``role`` (a department inside a granted center is left out:
    the center's list holds it); admins read every center's."""
    if ADMIN in principals:
        return [n for n in index.names(prefix) if "/" not in n]
    scopes = granted_scopes(principals, role)
    centers = {s for s in scopes if "/" not in s}
    return [prefix + s for s in scopes if "/" not in s or s.partition("/")[0] not in centers]


# Fixed, so that what one version of Python stores every other one reads.
_PICKLE_PROTOCOL = 4


def _stored(entries):
    """``{list name: (sort key, {facet: value})}`` as kept: bytes, comparable (see the
    module)."""
    kept = ((name, key, tuple(sorted(facets.items()))) for name, (key, facets) in entries.items())
    return pickle.dumps(tuple(sorted(kept)), protocol=_PICKLE_PROTOCOL)


def _loaded(stored):
    """The entries kept by ``_stored`` (or, before it, as a tuple or a dict) as a dict."""
    if not stored:
        return {}
    if isinstance(stored, dict):
        return stored
    if isinstance(stored, bytes):
        # Only ever what ``_stored`` wrote into this index: the database's own records,
        # which ZODB unpickles the same way.
        stored = pickle.loads(stored)  # noqa: S301
    return {name: (key, dict(facets)) for name, key, facets in stored}


def compact_entries(index, jar=None, batch=20_000):
    """Rewrite the entries ``index`` stored before as tuples or dicts in ``_stored``'s form;
    how many it rewrote. With ``jar``, a savepoint every ``batch`` documents, after which
    the connection's cache lets go of everything: a bucket of old entries takes some 50 KB
    in memory, so a cache of 5,000 objects could hold 250 MB of them."""
    rewritten = 0
    low = None
    while True:
        # islice, not a slice: slicing a BTree's items counts them, loading every bucket after
        # ``low`` (a million documents' entries: 1.2 GB, and again for every batch).
        items = index._entries.items(min=low, excludemin=low is not None)
        found = list(islice(items, batch))
        if not found:
            return rewritten
        for docid, value in found:
            if not isinstance(value, bytes):
                index._entries[docid] = _stored(_loaded(value))
                rewritten += 1
        low = found[-1][0]
        let_go(jar, everything=True)


class _Index(Persistent):
    """What a catalog index of this module shares: a discriminator, and ``reset`` making
    its empty trees (hypatia's catalog sets ``__name__`` when the index is added)."""

    __name__ = None
    __parent__ = None

    def __init__(self, discriminator):
        self.discriminator = discriminator
        self.reset()

    def reset(self):
        raise NotImplementedError


class ListIndex(_Index):
    """Named lists of documents, each in its own order, with sizes and facet counts."""

    def reset(self):
        self._orders = OOBTree()  # list name -> OOTreeSet of (*sort key, docid)
        self._members = OOBTree()  # list name -> IFTreeSet of docids
        self._sizes = OOBTree()  # list name -> Length
        self._tallies = OOBTree()  # (list name, facet, value) -> Length
        self._entries = SmallNodeIOBTree()  # docid -> _stored({list name: (sort key, facets)})

    # -- keeping it current ---------------------------------------------------------------
    def _discriminate(self, obj):
        found = self.discriminator(obj, _NOTHING)
        if found is _NOTHING or not found:
            return {}
        return {name: (tuple(key), dict(facets or {})) for name, (key, facets) in found.items()}

    def index_doc(self, docid, obj):
        new = self._discriminate(obj)
        old = _loaded(self._entries.get(docid))
        if new == old:
            return
        for name, entry in old.items():
            if new.get(name) != entry:
                self._remove(name, docid, entry)
        for name, entry in new.items():
            if old.get(name) != entry:
                self._add(name, docid, entry)
        if new:
            self._entries[docid] = _stored(new)
        else:
            self._entries.pop(docid, None)

    reindex_doc = index_doc

    def unindex_doc(self, docid):
        old = _loaded(self._entries.pop(docid, None))
        for name, entry in old.items():
            self._remove(name, docid, entry)

    def _add(self, name, docid, entry):
        key, facets = entry
        order = self._orders.get(name)
        if order is None:
            order = self._orders[name] = SmallNodeOOTreeSet()
            self._members[name] = SmallNodeIFTreeSet()
            self._sizes[name] = Length()
        order.insert((*key, docid))
        self._members[name].insert(docid)
        self._sizes[name].change(1)
        for facet, value in facets.items():
            tally = self._tallies.get((name, facet, value))
            if tally is None:
                tally = self._tallies[(name, facet, value)] = Length()
            tally.change(1)

    def _remove(self, name, docid, entry):
        key, facets = entry
        order = self._orders.get(name)
        if order is None:
            return
        order.remove((*key, docid))
        self._members[name].remove(docid)
        self._sizes[name].change(-1)
        for facet, value in facets.items():
            tally = self._tallies.get((name, facet, value))
            if tally is not None:
                tally.change(-1)
        # Emptied lists and counters stay: removing them would conflict with a concurrent
        # add to the same list, and an empty list costs a few bytes.

    # -- reading --------------------------------------------------------------------------
    def size(self, name):
        length = self._sizes.get(name)
        return length() if length is not None else 0

    def version(self, names):
        """Changes whenever a document joins or leaves one of the lists ``names`` (their
        size counters' serials): a key for answers computed from their membership."""
        found = []
        for name in names:
            length = self._sizes.get(name)
            if length is not None:
                length._p_activate()
            found.append(getattr(length, "_p_serial", None))
        return tuple(found)

    def members(self, names):
        """The docids of the lists ``names``, as one IF set (for intersections)."""
        sets = [self._members[n] for n in names if n in self._members]
        if not sets:
            return IFTreeSet()
        return sets[0] if len(sets) == 1 else multiunion(sets)

    def counts(self, names, facet, limit=None):
        """{value: count} of ``facet`` over the lists ``names`` (zero counts left out), or
        None when the lists hold more than ``limit`` distinct values of it."""
        found = {}
        for name in names:
            low, high = (name, facet), (name, facet + "\x00")
            for seen, ((_n, _f, value), tally) in enumerate(
                self._tallies.items(low, high, excludemax=True)
            ):
                if limit is not None and seen >= limit:
                    return None
                n = tally()
                if n:
                    found[value] = found.get(value, 0) + n
        if limit is not None and len(found) > limit:
            return None
        return found

    def docids(self, names, spans=((None, None),), key=None):
        """Docids of the lists ``names`` merged in order, without repeats (a generator).

        ``spans``: ranges ``(low, high)`` of sort keys to read (``high`` excluded, None
        open), such as "awaiting review" when keys start with a 0/1 flag; ``key``: how
        entries of different spans compare (default: by the whole key).
        """
        iterators = []
        for name in names:
            order = self._orders.get(name)
            if order is None:
                continue
            for low, high in spans:
                iterators.append(iter(order.keys(low, high, excludemax=high is not None)))
        if not iterators:
            return
        merged = iterators[0] if len(iterators) == 1 else heapq.merge(*iterators, key=key)
        seen = set()
        for entry in merged:
            docid = entry[-1]
            if docid not in seen:
                seen.add(docid)
                yield docid

    def entries(self, docid):
        """``{list name: (sort key, {facet: value})}`` of the lists ``docid`` is on."""
        return _loaded(self._entries.get(docid))

    def sort_key(self, docid, names):
        """The sort key ``docid`` has on the first of the lists ``names`` it is on."""
        entry = self.entries(docid)
        for name in names:
            if name in entry:
                return (*entry[name][0], docid)
        return None

    def names(self, prefix):
        """The names of the lists starting with ``prefix``."""
        return list(self._sizes.keys(prefix, prefix + "\uffff"))


class KeyIndex(_Index):
    """A unique string per document (a case number): exact and prefix lookups."""

    def reset(self):
        self._fwd = SmallNodeOIBTree()  # key -> docid
        self._rev = SmallNodeIOBTree()  # docid -> key

    def index_doc(self, docid, obj):
        key = self.discriminator(obj, None)
        old = self._rev.get(docid)
        if key == old:
            return
        if old is not None:
            self.unindex_doc(docid)
        if key is not None:
            self._fwd[key] = docid
            self._rev[docid] = key

    reindex_doc = index_doc

    def unindex_doc(self, docid):
        key = self._rev.pop(docid, None)
        if key is not None and self._fwd.get(key) == docid:
            del self._fwd[key]

    def get(self, key):
        return self._fwd.get(key)

    def between(self, low, high):
        """Docids whose key is from ``low`` up to ``high`` (excluded), as an IF set."""
        return IFTreeSet(self._fwd.values(low, high, excludemax=True))

    def prefixed(self, prefix):
        """Docids whose key starts with ``prefix``, as an IF set."""
        if not prefix:
            return IFTreeSet()
        high = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        return IFTreeSet(self._fwd.values(prefix, high, excludemax=True))
