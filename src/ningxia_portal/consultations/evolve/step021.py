"""Step 21: ``/consultations/`` becomes a Consultations container; its catalog indexes."""


def evolve(root, registry):
    """Make /consultations/ a Consultations container (keeping children); add its indexes."""
    from ningxia_portal.consultations.resources import Consultations
    from ningxia_portal.indexing.catalog import ensure_indexes

    old = root.get("consultations")
    if not isinstance(old, Consultations):
        children = []
        if old is not None:
            children = [(name, old.remove(name)) for name in list(old)]
            root.remove("consultations")
        new = root.add("consultations", Consultations())
        for name, child in children:
            new.add(name, child)
    ensure_indexes(root, registry)
