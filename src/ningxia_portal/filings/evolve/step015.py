"""Step 15: filings lose their words and the indexes no page needs; gain ``applicant``.

The lists' keyword used to read ``case_text``, a text index that wrote a posting per two
characters of every submission. It now matches the item and applicant names (few distinct
values) of the ``item_title`` and ``applicant`` indexes (filings/views/listing.py).
``owner``, ``depth`` and ``pending`` are rebuilt from the other documents alone: no page
queries them for filings, whose lists hold each owner's cases and count those pending.
``case_center`` and ``case_department`` (filings only) go: a center's or department's cases
are a range of ``case_item``'s keys ("<center>/<dept>/<item>").
"""

DROPPED = ("case_text", "case_center", "case_department")

REBUILT = ("owner", "depth", "pending", "applicant")
CACHE_GC_EVERY = 10_000  # documents read between trims of the connection's cache


def evolve(root, registry):
    """Drop case_text, case_center, case_department; rebuild owner/depth/pending without
    filings; fill ``applicant``."""
    from ningxia_portal.indexing.catalog import catalog_indexes, indexes_for

    catalog = getattr(root, "catalog", None)
    if catalog is None:
        return
    for name in DROPPED:
        if name in catalog:
            del catalog[name]
    fresh, factories = [], catalog_indexes(registry)
    for name in REBUILT:
        if name in catalog:
            del catalog[name]
        index = catalog[name] = factories[name]()
        fresh.append(index)
    jar = root._p_jar
    done = 0
    # Every document has a content type: its index lists them all, a type at a time.
    for _type, docids in catalog["content_type"]._fwd_index.items():
        for docid in docids:
            obj = root.docmap.get(docid)
            if obj is None:
                continue
            for index in indexes_for(catalog, obj):
                if index in fresh:
                    index.index_doc(docid, obj)
            done += 1
            if jar is not None and done % CACHE_GC_EVERY == 0:
                jar.cacheGC()  # the documents read are unchanged: let them go
