"""Step 12: the words of filings move from the public ``text`` index to ``case_text``."""


def evolve(root, registry):
    """Index filings' words in ``case_text`` and take them out of the public text index."""
    from ningxia_portal.indexing.catalog import ensure_indexes

    catalog = getattr(root, "catalog", None)
    if catalog is None:
        return
    ensure_indexes(root)  # ``case_text``, filled from every document that has words for it
    filings = root.get("filings")
    if filings is None or "text" not in catalog:
        return
    for filing in filings.values():
        docid = getattr(filing, "__docid__", None)
        if docid is not None:
            catalog["text"].unindex_doc(docid)
