"""Step 4: the ``item`` index and the catalogue's section of the ``/manage/`` back office."""


def evolve(root, registry):
    """Add the ``item`` index (filings of an item) and ``/manage/catalogue/``."""
    from ningxia_portal.core.manage import ensure_sections
    from ningxia_portal.indexing.catalog import ensure_indexes

    ensure_indexes(root, registry)
    ensure_sections(root, registry, names=("catalogue",))
