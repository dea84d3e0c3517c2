"""Step 16: the trees that filings grow move into small-node BTrees (core/trees.py).

Case numbers and docids are appended, and a split of the last bucket rewrote an inner node
of 250–500 children every 15–30 documents: the filings container, the docmap, every
FieldIndex's docid → value tree, and the lists and case-number index of filings. Each is
copied into its small-node class (a savepoint every 50,000 entries bounds the memory).
"""


def evolve(root, registry):
    """Copy the filings container, the docmap and the catalog's trees into small-node trees."""
    from hypatia.field import FieldIndex

    from ningxia_portal.core.trees import to_small_nodes
    from ningxia_portal.indexing.lists import KeyIndex, ListIndex

    jar = root._p_jar

    def move(owner, name):
        to_small_nodes(getattr(owner, name), lambda copy: setattr(owner, name, copy), jar)

    filings = root.get("filings")
    if filings is not None:
        move(filings, "data")
    docmap = getattr(root, "docmap", None)
    if docmap is not None:
        move(docmap, "objects")
    catalog = getattr(root, "catalog", None)
    for index in catalog.values() if catalog is not None else ():
        if isinstance(index, FieldIndex):
            move(index, "_rev_index")
        elif isinstance(index, KeyIndex):
            move(index, "_fwd")
            move(index, "_rev")
        elif isinstance(index, ListIndex):
            move(index, "_entries")
            for trees in (index._orders, index._members):
                for name in list(trees.keys()):
                    to_small_nodes(
                        trees[name], lambda copy, t=trees, n=name: t.__setitem__(n, copy), jar
                    )
