"""Step 23: ``/notices/`` (with the key of the verification codes) and ``notice_lists``.

The index is filled from the cases that may have a notice (every state but a draft, read
from the ``state`` index), in batches: every BATCH cases a savepoint writes what the index
gained to the temporary file and the connection's cache lets go of the cases it read, so a
million cases run in bounded memory.
"""

from ningxia_portal.core.database import let_go

BATCH = 10_000
NO_NOTICE = ("draft",)


def evolve(root, registry):
    """Add /notices/ (its secret made once) and the ``notice_lists`` index, filled in batches."""
    from ningxia_portal.indexing.catalog import catalog_indexes
    from ningxia_portal.notices.resources import Notices

    if "notices" not in root:
        root.add("notices", Notices())
    catalog = getattr(root, "catalog", None)
    if catalog is None or "notice_lists" in catalog:
        return  # no catalog yet (it is made with every index), or filled already
    index = catalog["notice_lists"] = catalog_indexes(registry)["notice_lists"]()
    fill(root, index)


def fill(root, index):
    """Index every non-draft case; returns how many were read."""
    states = root.catalog["state"]
    jar = root._p_jar
    done = 0
    for state, docids in list(states._fwd_index.items()):
        if state in NO_NOTICE:
            continue
        for docid in list(docids):
            obj = root.docmap.get(docid)
            if obj is None or type(obj).__name__ != "Filing":
                continue
            index.index_doc(docid, obj)
            done += 1
            if done % BATCH == 0:
                let_go(jar)
    return done
