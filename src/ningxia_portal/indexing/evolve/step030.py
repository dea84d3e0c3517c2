"""Step 30: the lists indexes keep each document's entries as one value (indexing/lists.py)."""


def evolve(root, registry):
    """Rewrite every ``ListIndex``'s entries stored as tuples or dicts in the compact form.

    Each new case rewrites a bucket of other documents' entries: until those are compact,
    pickling the bucket still visits every small object of theirs.
    """
    from ningxia_portal.indexing.lists import ListIndex, compact_entries

    catalog = getattr(root, "catalog", None)
    for index in catalog.values() if catalog is not None else ():
        if isinstance(index, ListIndex):
            compact_entries(index, root._p_jar)
