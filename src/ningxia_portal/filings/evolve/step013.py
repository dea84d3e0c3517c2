"""Step 13: filings leave the public catalogue's indexes for ``case_*`` indexes of their own.

Step 15 dropped ``case_center`` and ``case_department``: on a database evolving from before
step 13, ``ensure_indexes`` creates ``case_item`` alone.
"""

PUBLIC_INDEXES = ("center", "scope", "department", "item", "allowed")


def evolve(root, registry):
    """Index filings in case_center/case_department/case_item; drop them from public indexes."""
    from ningxia_portal.indexing.catalog import ensure_indexes

    catalog = getattr(root, "catalog", None)
    if catalog is None:
        return
    ensure_indexes(root, registry)  # the case_* indexes, from every document that has them
    filings = root.get("filings")
    if filings is None:
        return
    indexes = [catalog[name] for name in PUBLIC_INDEXES if name in catalog]
    for filing in filings.values():
        docid = getattr(filing, "__docid__", None)
        if docid is not None:
            for index in indexes:
                index.unindex_doc(docid)
