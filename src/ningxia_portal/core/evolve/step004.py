"""Step 4: the ``item`` index, so that removing an item can find the filings made for it."""


def evolve(root, registry):
    """Add the ``item`` index (``item_key``: "<center>/<dept>/<item>") and fill it."""
    from ningxia_portal.indexing.catalog import ensure_indexes

    ensure_indexes(root)
