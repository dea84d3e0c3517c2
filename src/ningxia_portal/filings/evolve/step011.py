"""Step 11: filings get the ``lists`` index and a ``case_no`` KeyIndex (indexing/lists.py)."""

UNIQUE_PER_CASE = ("title", "created", "modified")


def evolve(root, registry):
    """Give filings ordered lists and a case-number key index; drop their unique titles, times."""
    from hypatia.field import FieldIndex

    from ningxia_portal.indexing.catalog import ensure_indexes

    catalog = getattr(root, "catalog", None)
    if catalog is None:
        return
    if isinstance(catalog.get("case_no"), FieldIndex):
        del catalog["case_no"]  # one persistent set per case number: replaced
    ensure_indexes(root, registry)  # the new ``lists`` and ``case_no``, from every document
    filings = root.get("filings")
    if filings is None:
        return
    for filing in filings.values():
        docid = getattr(filing, "__docid__", None)
        if docid is None:
            continue
        for name in UNIQUE_PER_CASE:
            if name in catalog:
                catalog[name].unindex_doc(docid)
