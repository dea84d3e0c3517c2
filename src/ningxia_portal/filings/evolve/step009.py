"""Step 9: drafts are their owner's alone; their ``allowed`` entries lose ``role:admin``."""


def evolve(root, registry):
    """Reindex every stored draft, so the catalog's ``allowed`` index follows its new ACL."""
    from hypatia.query import Eq

    from ningxia_portal.filings.workflow import DRAFT
    from ningxia_portal.indexing.catalog import reindex

    catalog = getattr(root, "catalog", None)
    if catalog is None or "state" not in catalog:
        return
    query = Eq(catalog["content_type"], "Filing") & Eq(catalog["state"], DRAFT)
    for docid in list(query.execute().ids):
        draft = root.docmap.get(docid)
        if draft is not None:
            reindex(draft, root)
