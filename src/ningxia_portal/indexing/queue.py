"""Deferred cataloguing: a request queues what it added, one indexer per process catalogues it.

Cataloguing a filing writes ~100 objects (a bucket of every index, one per word of its
text) and, worse, conflicts: every insert into a BTree reads its inner nodes "current", so
a bucket split anywhere in an index fails every concurrent transaction that wrote below
that node. Eight writers indexing at once replayed more requests than they committed.

So a request that adds a case only queues it (``defer``: its oid in ``root.index_queue``).
After its transaction commits and before its answer leaves, the request settles it
(``indexing/indexer.py``): the last of the writers about to commit catalogues every queued
case in one transaction of its own (group commit). A document's docid is its oid (ZODB hands
them out in increasing order), proposed in the request that queues it (``propose_docid``),
so a batch appends to the last bucket of each index; when that docid is taken, the queue's
own increasing series (``next_docid``) hands out another.

What is stored, and who writes it:

* ``inbox`` (``Inbox``): what requests queued since the indexer last looked. The only part a
  request writes, and small: the indexer empties it in every batch. Each add is an entry of
  its own (the oid and a random tag), so its conflict resolution is a three-way merge of
  sets: concurrent adds (several writers, several processes) and the indexer's take never
  conflict, and nothing is lost or taken twice (``merge_entries``).
* ``backlog`` (oid → None, or the ``Failure`` of its last attempt): what waits beyond one
  batch, and documents whose cataloguing failed, retried by the next drains. Written by the
  indexer only, so it may be any size without costing a request anything.
* ``set_aside`` (oid → ``Failure``): documents that failed ``MAX_FAILURES`` drains in a row,
  kept with their error for the admins (/manage/indexing/), who re-queue them (``requeue``),
  as evolve step 18 does.
* ``next_docid`` and ``drains``: written by every drain that commits, so a request that
  changes a queued document reads the queue "current" (``catalog.reindex``).

Several processes (ZEO, RelStorage) share one queue, each with its indexer. An add is tagged
with the indexer of the process that queued it (``owner_tag``), and an indexer takes its own
process's entries, so two drains committing at once take different entries and merge
(``Inbox``, ``IndexQueue._p_resolveConflict``) instead of one being thrown away and run
again. Entries of another process are taken once they have waited ``Indexer.ADOPT_AFTER``
(their process stopped before it catalogued them), and a starting indexer takes all.

Why not a library: zc.catalogqueue (hashed buckets with their own conflict resolution) last
shipped in 2009 and fails at import on Python 3; Substance D's deferred indexing needs its
object map and catalog, keeps one list rewritten by every add, and catalogues from a separate
process polling every few seconds, so the answer would leave before the case is in the lists.
Neither catalogues with the request's group commit, under docids that are oids, or keeps a
failing document for an admin. A BTree as the shared queue conflicts where a queue lives:
BTrees refuse to merge a change to a bucket's first key or a bucket left empty, which is every
take of the head. The README ("Deferred cataloguing") says more.
"""

import os
import random

from BTrees.LOBTree import LOBTree
from persistent import Persistent
from ZODB.POSException import ConflictError, POSKeyError
from ZODB.utils import p64, u64

from ningxia_portal.indexing.catalog import find_root, index_tree

MAX_FAILURES = 3  # drains in which a document failed before it is set aside
_FIRST_DOCID = 1  # random docids are spread over 1 … 2**31: a taken docid is skipped
_MESSAGE_LENGTH = 500  # characters of an error message kept


def merge_entries(old, committed, new):
    """The three-way merge of two transactions' inbox entries from a common ``old``.

    Each transaction adds fresh entries or removes entries it read. The result keeps the
    committed entries that ``new`` didn't remove, then the entries ``new`` added, in order:
    what running the two one after the other gives. Two transactions that both removed one
    entry (two indexers took it) would catalogue it twice: that conflicts.
    """
    old_set, committed_set, new_set = set(old), set(committed), set(new)
    removed_by_new = old_set - new_set
    if removed_by_new & (old_set - committed_set):
        raise ConflictError("two takers removed the same queued document")
    merged = [e for e in committed if e not in removed_by_new]
    merged += [e for e in new if e not in old_set]
    return tuple(merged)


OWNER_BITS = 30  # the high bits of an entry's tag: the indexer (process) that queued it
_TAG_BITS = 32  # the low bits: random, telling apart adds of one document


def new_token():
    """A token marking the entries one process queues."""
    return random.getrandbits(OWNER_BITS)  # noqa: S311 - tells processes apart, not a secret


_process = {}


def process_token():
    """This process's token (a forked child draws its own)."""
    if "token" not in _process:
        _process["token"] = new_token()
    return _process["token"]


os.register_at_fork(after_in_child=_process.clear)


def owner_tag(owner=None):
    """A fresh tag for an entry queued by the process of token ``owner`` (None: this one)."""
    if owner is None:
        owner = process_token()
    return (owner << _TAG_BITS) | random.getrandbits(_TAG_BITS)  # noqa: S311


def owner_of(entry):
    """The token of the indexer whose process queued ``entry``."""
    return entry[1] >> _TAG_BITS


class Inbox(Persistent):
    """Oids that requests queued and the indexer hasn't taken yet: entries ``(oid, tag)``.

    The tag makes each add an entry of its own, so a document queued again while the
    indexer takes its earlier entry is catalogued again (the later state), not lost.
    """

    def __init__(self):
        self.entries = ()

    def add(self, oid, owner=None):
        """Queue ``oid``; ``owner`` (an indexer's ``token``) is kept in the entry's tag."""
        self.entries = (*self.entries, (oid, owner_tag(owner)))

    def take(self, entries):
        """Remove these entries (the indexer has them)."""
        gone = set(entries)
        if gone:
            self.entries = tuple(e for e in self.entries if e not in gone)

    def oids(self):
        """The queued oids, each once, in the order first queued."""
        return list(dict.fromkeys(oid for oid, _tag in self.entries))

    def _p_resolveConflict(self, old, committed, new):
        """Merge concurrent adds (requests) and takes (the indexer): see ``merge_entries``."""
        if not set(old) == set(committed) == set(new) == {"entries"}:
            raise ConflictError
        return {"entries": merge_entries(old["entries"], committed["entries"], new["entries"])}


class Failure:
    """Why a document could not be catalogued: what it was, the error, when, how often.

    Kept in the backlog while the document is retried, then in ``set_aside``. Pickled by
    class inside the queue's trees: keep it importable under this name.
    """

    def __init__(self, oid, description, error, message, when, attempts=1, first=None):
        self.oid = oid
        self.kind, self.name, self.title, self.path = description
        self.error = error
        self.message = message
        self.last = when
        self.first = first or when
        self.attempts = attempts

    @property
    def key(self):
        return u64(self.oid)

    def again(self, failure):
        """This failure followed by ``failure`` (the same document in a later drain)."""
        failure.attempts = self.attempts + 1
        failure.first = self.first
        return failure


def describe(obj):
    """(content type, name, title, path) of a document, for the admins; what can't be read
    (the error may be in the very attribute) stays None."""
    from pyramid.traversal import resource_path

    found = [type(obj).__name__, None, None, None]
    for index, read in enumerate(
        (
            lambda: getattr(obj, "__name__", None),
            lambda: getattr(obj, "title", None),
            lambda: resource_path(obj),
        ),
        start=1,
    ):
        try:
            value = read()
        except Exception:  # noqa: BLE001, S112 - a broken document still gets a row
            continue
        found[index] = value if isinstance(value, str) else None
    return tuple(found)


def failure_of(oid, obj, exc, when):
    """A Failure for ``exc``, raised while cataloguing ``obj`` (None when it didn't load)."""
    description = describe(obj) if obj is not None else (None, None, None, None)
    return Failure(oid, description, type(exc).__name__, str(exc)[:_MESSAGE_LENGTH], when)


class IndexQueue(Persistent):
    """What waits to be catalogued, what failed, and the docid series of queued documents.

    Stored queues before evolve step 18 held a tuple ``pending`` that each add rewrote
    whole; they load into this shape (``__setstate__``) and step 18 stores it.
    """

    drains = 0  # drains that committed: what a change to a queued document reads current

    def _p_resolveConflict(self, old, committed, new):
        """Two drains (two processes' indexers) committed at once: count both and keep the
        higher docid series (a docid both handed out conflicts in the docmap). Anything
        else changed on both sides (a migrated queue, its parts replaced) conflicts."""
        keys = ("drains", "next_docid")
        rest = [{k: v for k, v in s.items() if k not in keys} for s in (old, committed, new)]
        try:
            same = rest[0] == rest[1] == rest[2]
        except ValueError:  # persistent references to different objects
            same = False
        if not same:
            raise ConflictError
        merged = dict(committed)
        base = old.get("drains", 0)
        merged["drains"] = committed.get("drains", 0) + new.get("drains", 0) - base
        merged["next_docid"] = max(
            committed.get("next_docid", _FIRST_DOCID), new.get("next_docid", _FIRST_DOCID)
        )
        return merged

    def __init__(self):
        self.inbox = Inbox()
        self.backlog = LOBTree()
        self.set_aside = LOBTree()
        self.next_docid = _FIRST_DOCID

    def __setstate__(self, state):
        pending = state.get("pending")
        if pending is None:
            super().__setstate__(state)
            return
        state = {k: v for k, v in state.items() if k != "pending"}
        super().__setstate__(state)
        self.inbox = Inbox()
        self.backlog = LOBTree()
        self.set_aside = LOBTree()
        for oid in pending:  # the backlog: the indexer's alone, whatever its size
            self.backlog[u64(oid)] = None
        self._v_migrated = True  # stored by the next write of the queue (step 18)

    @property
    def migrated(self):
        """Loaded from a queue stored before step 18 and not written since."""
        return getattr(self, "_v_migrated", False)

    # -- requests -------------------------------------------------------------------------
    def add(self, oid, owner=None):
        """Queue ``oid`` for cataloguing (a request: writes only the inbox), by the process
        of the indexer ``owner`` (its token)."""
        self.inbox.add(oid, owner)
        if self.inbox._p_jar is None and self._p_jar is not None:
            self._p_changed = True  # a queue migrated in memory: store its new inbox too

    def is_pending(self, oid):
        """Is ``oid`` waiting (not set aside) in the state this transaction reads?"""
        return oid in self.inbox.oids() or u64(oid) in self.backlog

    @property
    def pending(self):
        """The oids waiting to be catalogued: the inbox's, then the backlog's."""
        found = dict.fromkeys(self.inbox.oids())
        found.update((p64(key), None) for key in self.backlog)
        return tuple(found)

    def waiting(self):
        """How many documents wait (the inbox is small; the backlog is counted)."""
        return len(self.backlog) + sum(
            1 for oid in self.inbox.oids() if u64(oid) not in self.backlog
        )

    # -- the indexer ----------------------------------------------------------------------
    def docids(self, docmap):
        """A function handing out the next free docid of this queue's increasing series."""

        def next_docid():
            docid = self.next_docid
            while docid in docmap.objects:
                docid += 1
            self.next_docid = docid + 1
            return docid

        return next_docid

    def next_batch(self, limit, after=None, skip=(), take=None):
        """Up to ``limit`` oids to catalogue now, and how far the backlog was read.

        First what the inbox holds (the entries ``take(entry)`` accepts, or all: they leave
        it, and what exceeds the batch moves to the backlog), then backlog keys above
        ``after``, leaving out ``skip`` (those that failed in this drain). Catalogued ones
        leave the backlog; failed ones stay behind ``after``.
        """
        batch, keys, reread = [], set(), None
        entries = self.inbox.entries
        if take is not None:
            entries = tuple(entry for entry in entries if take(entry))
        self.inbox.take(entries)
        for oid, _tag in entries:
            key = u64(oid)
            if key in keys:
                continue
            keys.add(key)
            if len(batch) < limit:
                batch.append(oid)
            else:
                if key not in self.backlog:
                    self.backlog[key] = None
                reread = key if reread is None else min(reread, key)
        if reread is not None and after is not None:
            after = min(after, reread - 1)
        found = self.backlog.keys() if after is None else self.backlog.keys(after, excludemin=True)
        for key in found:
            if len(batch) >= limit:
                break
            after = key
            if key not in keys and key not in skip:
                keys.add(key)
                batch.append(p64(key))
        return batch, after

    def catalogued(self, oid):
        """``oid`` is catalogued, or gone: it waits and fails no more."""
        key = u64(oid)
        self.backlog.pop(key, None)
        self.set_aside.pop(key, None)

    def failed(self, failure):
        """Record ``failure``; set the document aside after MAX_FAILURES drains. Returns
        the Failure as recorded (``attempts``)."""
        key = failure.key
        before = self.backlog.get(key) or self.set_aside.get(key)
        if before is not None:
            failure = before.again(failure)
        if failure.attempts >= MAX_FAILURES:
            self.backlog.pop(key, None)
            self.set_aside[key] = failure
        else:
            self.backlog[key] = failure
        return failure

    def drained(self):
        self.drains += 1

    # -- admins ---------------------------------------------------------------------------
    def requeue(self, keys=None, owner=None):
        """Put set-aside documents (``keys``, or all) back in the queue, for the indexer
        ``owner`` (its token) to take; how many."""
        keys = (
            list(self.set_aside.keys())
            if keys is None
            else [k for k in keys if k in self.set_aside]
        )
        for key in keys:
            del self.set_aside[key]
            self.inbox.add(p64(key), owner)
        return len(keys)


def install(root):
    """Give the root its queue (evolve step 14)."""
    if getattr(root, "index_queue", None) is None:
        root.index_queue = IndexQueue()
    return root.index_queue


def defer(request, obj):
    """Catalogue ``obj`` (and what it holds) after this request's transaction commits.

    Without a queue (a database before evolve step 14) or a root, it is catalogued now.
    """
    root = find_root(obj)
    queue = getattr(root, "index_queue", None)
    if queue is None:
        index_tree(obj, root)
        return
    jar = root._p_jar
    if obj._p_oid is None:
        jar.add(obj)
    propose_docid(obj)
    queued = getattr(request, "_index_queued", None)
    if queued is None:
        queued = request._index_queued = set()
    if obj._p_oid not in queued:  # once per attempt (a replay is another request)
        queued.add(obj._p_oid)
        queue.add(obj._p_oid, request.registry.indexer.token)
    drain_after_commit(request, jar)


def requeue(request, root, keys=None):
    """Put set-aside documents back in the queue (an admin's request: they are catalogued
    before its answer leaves, as a submission's case is). How many."""
    count = root.index_queue.requeue(keys, request.registry.indexer.token)
    if count:
        drain_after_commit(request, root._p_jar)
    return count


def drain_after_commit(request, jar):
    """Once the request's transaction commits, settle what it queued (group commit with
    the other writers, ``Indexer.settle``) before its answer leaves."""
    if getattr(request, "_index_drain", False):  # once per attempt (a replay is another)
        return
    request._index_drain = True
    db, indexer = jar.db(), request.registry.indexer
    lock = getattr(request.registry, "write_lock", None)  # web/writers.py
    busy = lock.busy if lock is not None else (lambda: False)

    def committed(ok):
        if ok:
            request._index_ticket = indexer.ticket()

    jar.transaction_manager.get().addAfterCommitHook(committed)
    request.add_finished_callback(
        lambda _request: indexer.settle(db, getattr(_request, "_index_ticket", None), busy)
    )


def propose_docid(obj):
    """Give a queued document its oid as docid. Whether that is free, the indexer checks
    (``index_tree``): reading the docmap here would load its last bucket, which every
    batch changes, in each request's connection."""
    if getattr(obj, "__docid__", None) is None:
        obj.__docid__ = u64(obj._p_oid)


def load(conn, oid):
    """The object ``oid`` of ``conn``, loaded; None when it is gone (packed away)."""
    try:
        obj = conn.get(oid)
        obj._p_activate()
    except POSKeyError:
        return None
    return obj


def find_document(root, key):
    """The document of queue key ``key`` if it is still in ``root``'s tree, else None."""
    obj = load(root._p_jar, p64(key))
    return obj if obj is not None and find_root(obj) is root else None
