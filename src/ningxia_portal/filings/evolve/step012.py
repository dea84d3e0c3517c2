"""Step 12: the words of filings move from the public ``text`` index to ``case_text``.

Step 15 dropped ``case_text``: on a database evolving from before step 12, ``ensure_indexes``
no longer creates it, and this step only takes the words out of the public index.
"""


def evolve(root, registry):
    """Index filings' words in ``case_text`` and take them out of the public text index."""
    from ningxia_portal.indexing.catalog import ensure_indexes

    catalog = getattr(root, "catalog", None)
    if catalog is None:
        return
    ensure_indexes(root, registry)  # ``case_text``, from every document with words for it
    filings = root.get("filings")
    if filings is None or "text" not in catalog:
        return
    for filing in filings.values():
        docid = getattr(filing, "__docid__", None)
        if docid is not None:
            catalog["text"].unindex_doc(docid)
