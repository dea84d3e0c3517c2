"""Step 6: ``/filings/`` becomes a Filings container; filing indexes (deadline, case_no …)."""


def evolve(root, registry):
    """Turn the plain ``filings`` folder into a Filings container and add the filing indexes."""
    from ningxia_portal.filings.resources import Filings
    from ningxia_portal.indexing.catalog import ensure_indexes

    old = root.get("filings")
    if not isinstance(old, Filings):
        children = []
        if old is not None:
            children = [(name, old.remove(name)) for name in list(old)]
            root.remove("filings")
        new = root.add("filings", Filings())
        for name, child in children:
            new.add(name, child)
    ensure_indexes(root, registry)
