"""The hypatia catalog of the portal, kept current as objects are added, changed, removed.

``root.catalog`` holds the indexes, ``root.docmap`` maps docids to objects. The core's
folders announce what they add and remove (``ObjectAdded``, ``ObjectRemoved``) and edits
announce ``ObjectModified``: this layer's subscribers call ``index_tree``, ``unindex_tree``
and ``reindex`` (``indexing/__init__.py``), wherever the change comes from — a request, a
loader, an evolve step or the benchmark generator, with the app's registry current.

To add an index: register it from the domain's ``includeme`` (``config.add_catalog_index``)
and write an evolve step calling ``ensure_indexes``, which creates the missing indexes and
fills them from the objects already catalogued.
"""

import random

from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from hypatia.catalog import Catalog
from hypatia.field import FieldIndex as HypatiaFieldIndex
from hypatia.keyword import KeywordIndex
from hypatia.text import TextIndex
from hypatia.text.lexicon import CaseNormalizer, Lexicon
from persistent import Persistent
from pyramid.location import lineage

from ningxia_portal.core.trees import SmallNodeIOBTree, SmallNodeLOBTree
from ningxia_portal.indexing.discriminators import Attr, allowed_principals, content_type
from ningxia_portal.indexing.splitter import CJKBigramSplitter
from ningxia_portal.indexing.textindex import PostingsOkapiIndex

_MAX_DOCID = 2**31 - 1


class FieldIndex(HypatiaFieldIndex):
    """hypatia's, whose docid -> value tree has small inner nodes (core/trees.py): docids
    are appended, and a node of 500 children was rewritten every 30 documents."""

    def reset(self):
        super().reset()
        self._rev_index = SmallNodeLOBTree()


def _text_index(attr):
    lexicon = Lexicon(CJKBigramSplitter(), CaseNormalizer())
    return TextIndex(Attr(attr), lexicon=lexicon, index=PostingsOkapiIndex(lexicon))


# The indexes every content type may use; the domains register their own
# (``config.add_catalog_index``). Discriminators read plain attributes that resources
# choose to provide.
BASE_INDEXES = {
    "content_type": lambda: FieldIndex(content_type),
    "allowed": lambda: KeywordIndex(allowed_principals),
    "text": lambda: _text_index("searchable_text"),
    "title": lambda: FieldIndex(Attr("title")),
    "state": lambda: FieldIndex(Attr("state")),
    "owner": lambda: FieldIndex(Attr("owner")),
    "created": lambda: FieldIndex(Attr("created")),
    "modified": lambda: FieldIndex(Attr("modified")),
}
INDEXES_ATTR = "portal_catalog_indexes"


def add_catalog_index(config, name, factory):
    """Config directive: the catalog has an index ``name`` made by ``factory()``.

    A new index of an existing database also needs an evolve step calling
    ``ensure_indexes``, which creates it and fills it from the documents.
    """

    def register():
        indexes = getattr(config.registry, INDEXES_ATTR, None)
        if indexes is None:
            indexes = dict(BASE_INDEXES)
            setattr(config.registry, INDEXES_ATTR, indexes)
        indexes[name] = factory

    config.action(("ningxia_portal.catalog_index", name), register)


def catalog_indexes(registry):
    """{name: factory} of every index: the base ones and those the domains registered."""
    return getattr(registry, INDEXES_ATTR, None) or dict(BASE_INDEXES)


class DocMap(Persistent):
    """docid ↔ object. Docids don't come from one counter, which concurrent adds would
    fight over: a queued document's is its oid (indexing/queue.py), others are random."""

    def __init__(self):
        self.objects = SmallNodeIOBTree()
        self.count = Length()

    def new_docid(self):
        while True:
            docid = random.randrange(1, _MAX_DOCID)  # noqa: S311 - not a secret
            if docid not in self.objects:
                return docid

    def add(self, obj, docid=None):
        """Map ``obj`` to a new random docid, or to ``docid`` when the caller hands out its
        own (the benchmark generator: increasing ones from a range of its own); it must be
        free. Random docids of later adds skip whatever is taken, so both mix safely."""
        if docid is None:
            docid = self.new_docid()
        elif docid in self.objects or not 0 < docid < _MAX_DOCID:
            raise ValueError(f"docid {docid} is taken or out of range")
        self.objects[docid] = obj
        self.count.change(1)
        if getattr(obj, "__docid__", None) != docid:  # else the object needn't be written
            obj.__docid__ = docid
        return docid

    def free(self, docid):
        """Could ``docid`` be given to a new document?"""
        return 0 < docid < _MAX_DOCID and docid not in self.objects

    def remove(self, docid):
        if self.objects.pop(docid, None) is not None:
            self.count.change(-1)

    def get(self, docid, default=None):
        return self.objects.get(docid, default)

    def __len__(self):
        return self.count()


class ChangeCounters(Persistent):
    """How often the catalog changed, per content type: a version caches can be keyed by.

    Every index, reindex and unindex of an object bumps its type's ``Length`` (which resolves
    concurrent bumps without a conflict), so a committed catalog state has one version per
    type and a cached answer computed from it stays right until the next change of a type
    it read. ``token`` tells one database's counters from another's (tests open many).
    """

    def __init__(self):
        self.token = random.getrandbits(63)
        self.counters = OOBTree()

    def bump(self, content_type):
        counter = self.counters.get(content_type)
        if counter is None:
            counter = self.counters[content_type] = Length()
        counter.change(1)

    def versions(self, content_types):
        """(token, count per type) of the committed state this connection reads."""
        found = [self.token]
        for name in content_types:
            counter = self.counters.get(name)
            found.append(counter() if counter is not None else 0)
        return tuple(found)


def note_change(root, obj):
    """Bump the change counter of ``obj``'s content type (created on the first change)."""
    counters = getattr(root, "catalog_changes", None)
    if counters is None:
        counters = root.catalog_changes = ChangeCounters()
    counters.bump(type(obj).__name__)


def _unchanged(conn):
    """Has this connection's transaction written nothing yet (no object, no savepoint)?"""
    return not conn._registered_objects and not conn._added and conn._savepoint_storage is None


def catalog_versions(root, content_types):
    """The catalog's versions for these content types (see ChangeCounters), or None when
    unknown: no counters yet, or this transaction has written (it may still roll back)."""
    counters = getattr(root, "catalog_changes", None) if root is not None else None
    conn = getattr(root, "_p_jar", None)
    if counters is None or conn is None or counters._p_jar is None or not _unchanged(conn):
        return None
    return counters.versions(content_types)


def make_catalog(registry):
    catalog = Catalog()
    for name, factory in catalog_indexes(registry).items():
        catalog[name] = factory()
    return catalog


def install(root, registry):
    """Give the root a catalog and a docmap, and index what the tree already holds."""
    root.catalog = make_catalog(registry)
    root.docmap = DocMap()
    for child in list(root.values()):
        index_tree(child, root)


def indexes_for(catalog, obj):
    """The indexes of ``catalog`` that ``obj`` belongs in: those its class names in
    ``catalog_indexes`` (a type with millions of documents, filings), else every index.

    hypatia's indexes record a document without a value in a set of their own
    (``_not_indexed``): a filing would have written that set of a dozen indexes it never
    has a value in, on every submission.
    """
    names = getattr(obj, "catalog_indexes", None)
    if names is None:
        return list(catalog.values())
    return [catalog[name] for name in names if name in catalog]


def ensure_indexes(root, registry):
    """Add the registered indexes that the stored catalog lacks, filled from every document."""
    indexes = catalog_indexes(registry)
    added = [name for name in indexes if name not in root.catalog]
    for name in added:
        root.catalog[name] = indexes[name]()
    if added:  # one pass over the documents, however many indexes are new
        fresh = [root.catalog[name] for name in added]
        for docid, obj in root.docmap.objects.items():
            # The class of a ghost is known without loading it: a million filings, which
            # name none of a new request domain's indexes, stay on disk.
            names = getattr(type(obj), "catalog_indexes", None)
            if names is not None and not set(added).intersection(names):
                continue
            for index in indexes_for(root.catalog, obj):
                if index in fresh:
                    index.index_doc(docid, obj)
    return added


def key_range(prefix):
    """(min, max) for the keys of an index that start with ``prefix`` (max excluded)."""
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


def find_root(obj):
    """The Portal an object belongs to (the last of its lineage), if it has a catalog."""
    root = None
    for root in lineage(obj):  # noqa: B007 - we want the last
        pass
    return root if getattr(root, "catalog", None) is not None else None


def _walk(obj):
    yield obj
    values = getattr(obj, "values", None)
    if callable(values) and hasattr(obj, "data"):
        for child in list(values()):
            yield from _walk(child)


def index_tree(obj, root=None, docids=None):
    """Catalogue ``obj`` and everything below it (a folder may arrive with children).

    A new document keeps a docid proposed when it was queued (``__docid__``, see
    indexing/queue.py) if that is still free; else ``docids()`` hands one out; random if None.
    """
    root = root or find_root(obj)
    if root is None:
        return
    docmap = root.docmap
    for each in _walk(obj):
        docid = getattr(each, "__docid__", None)
        if docid is None or docmap.get(docid) is not each:
            if docid is None or not docmap.free(docid):
                docid = docids() if docids is not None else None
            docid = docmap.add(each, docid)
        for index in indexes_for(root.catalog, each):
            index.index_doc(docid, each)
        note_change(root, each)


def unindex_tree(obj, root=None):
    root = root or find_root(obj)
    if root is None:
        return
    for each in _walk(obj):
        docid = getattr(each, "__docid__", None)
        if docid is not None and root.docmap.get(docid) is each:
            root.catalog.unindex_doc(docid)
            root.docmap.remove(docid)
            each.__docid__ = None
            note_change(root, each)


def reindex(obj, root=None):
    """Bring the indexes up to date with one object's current state."""
    root = root or find_root(obj)
    docid = getattr(obj, "__docid__", None)
    if root is None or docid is None:
        return
    if root.docmap.get(docid) is not obj:
        # Queued, not catalogued yet: the indexer catalogues the state it reads. Should it
        # commit first (taking the document off the queue) this change would never be
        # catalogued, so this transaction reads the queue "current": every drain writes
        # it, which makes this commit conflict and be retried, and the retry reindexes.
        # A document set aside (indexing/queue.py) waits for an admin: nothing to read.
        # (``is_pending`` loads the queue: read current as a ghost, it would check nothing.)
        queue = getattr(root, "index_queue", None)
        jar = getattr(queue, "_p_jar", None)
        if jar is not None and obj._p_oid is not None and queue.is_pending(obj._p_oid):
            jar.readCurrent(queue)
        return
    for index in indexes_for(root.catalog, obj):
        index.reindex_doc(docid, obj)
    note_change(root, obj)
