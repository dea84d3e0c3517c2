"""Step 2: the hypatia catalog and its docmap, filled from the existing tree."""


def evolve(root, registry):
    """Install the catalog (CJK-aware text index, permission index) and index everything."""
    from ningxia_portal.indexing.catalog import install

    if getattr(root, "catalog", None) is None:
        install(root, registry)
