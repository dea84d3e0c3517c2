"""Step 30: every lists index's entries stored before as tuples or dicts become one bytes
value per document, and read back as they were; the lists and their counts don't move."""

from types import SimpleNamespace

from ningxia_portal.core.root import APP_ROOT_KEY
from ningxia_portal.indexing.evolve import step030
from ningxia_portal.indexing.lists import compact_entries

LIST_INDEXES = ("lists", "consultation_lists", "appointment_lists")  # catalog_lists


def _entries(docid):
    return {
        f"mine:ent{docid % 3}": ((-float(docid),), {"department": "640100/scjg", "item": "许可"}),
        "queue:640100": ((0, 739_000 + docid), {"department": "640100/scjg", "pending": "1"}),
    }


def _as_before(entries, docid):
    """The two shapes stored before: a sorted tuple, and (older) a dict."""
    if docid % 2:
        return dict(entries)
    kept = ((n, key, tuple(sorted(facets.items()))) for n, (key, facets) in entries.items())
    return tuple(sorted(kept))


def _fill(db, names=LIST_INDEXES, count=7):
    with db.transaction() as conn:
        catalog = conn.root()[APP_ROOT_KEY].catalog
        for name in names:
            index = catalog[name]
            for docid in range(1, count + 1):
                index.index_doc(docid, SimpleNamespace(catalog_lists=_entries(docid)))
                index._entries[docid] = _as_before(_entries(docid), docid)


def test_every_lists_index_is_rewritten_and_reads_the_same(db, registry):
    _fill(db)
    with db.transaction() as conn:
        root = conn.root()[APP_ROOT_KEY]
        before = {
            n: (list(ix.docids(["queue:640100"])), ix.counts(["queue:640100"], "department"))
            for n, ix in ((n, root.catalog[n]) for n in LIST_INDEXES)
        }
        step030.evolve(root, registry)
    with db.transaction() as conn:
        catalog = conn.root()[APP_ROOT_KEY].catalog
        for name in LIST_INDEXES:
            index = catalog[name]
            assert all(isinstance(v, bytes) for v in index._entries.values()), name
            assert all(index.entries(d) == _entries(d) for d in range(1, 8)), name
            counts = index.counts(["queue:640100"], "department")
            assert (list(index.docids(["queue:640100"])), counts) == before[name]
            index.unindex_doc(3)  # what was rewritten is removed as it was indexed
            assert index.size("queue:640100") == 6 and index.size("mine:ent0") == 1  # 6 left


def test_savepoints_in_between_keep_every_document_and_a_second_run_rewrites_none(db):
    _fill(db, names=("lists",), count=9)
    with db.transaction() as conn:
        index = conn.root()[APP_ROOT_KEY].catalog["lists"]
        assert compact_entries(index, conn, batch=2) == 9  # five batches, a savepoint each
        assert compact_entries(index, conn, batch=2) == 0
    with db.transaction() as conn:
        index = conn.root()[APP_ROOT_KEY].catalog["lists"]
        assert [index.entries(d) for d in range(1, 10)] == [_entries(d) for d in range(1, 10)]


def test_a_batch_loads_its_own_buckets_not_every_one_after_it(db):
    """Measured at each savepoint: the connection holds about a batch's buckets."""
    _fill(db, names=("lists",), count=6000)  # some 100-200 buckets of entries
    held = []

    class Jar:
        """The connection, noting how many objects it holds as each batch is saved."""

        def __init__(self, conn):
            self.conn = conn
            self.transaction_manager = self

        def savepoint(self, optimistic):
            held.append(self.conn._cache.cache_non_ghost_count)
            return self.conn.transaction_manager.savepoint(optimistic)

        def cacheMinimize(self):
            self.conn.cacheMinimize()

    with db.transaction() as conn:
        index = conn.root()[APP_ROOT_KEY].catalog["lists"]
        conn.cacheMinimize()
        assert compact_entries(index, Jar(conn), batch=100) == 6000
    assert len(held) == 60 and max(held) < 40, held
