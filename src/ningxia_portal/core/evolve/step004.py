"""Step 4: the ``item`` index and the catalogue's section of the ``/manage/`` back office."""


def evolve(root, registry):
    """Add the ``item`` index (filings of an item) and ``/manage/catalogue/``."""
    from ningxia_portal.catalogue.resources import CatalogueSection
    from ningxia_portal.indexing.catalog import ensure_indexes

    ensure_indexes(root)
    manage = root.get("manage")
    if manage is not None and "catalogue" not in manage:
        manage.add("catalogue", CatalogueSection())
