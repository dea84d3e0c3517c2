"""Step 22: ``/complaints/`` becomes a Complaints container; the ``complaint_lists`` index."""


def evolve(root, registry):
    """Replace the plain ``complaints`` folder by a Complaints container (children kept) and
    add the complaints' index."""
    from ningxia_portal.complaints.resources import Complaints
    from ningxia_portal.indexing.catalog import ensure_indexes

    old = root.get("complaints")
    if not isinstance(old, Complaints):
        children = []
        if old is not None:
            children = [(name, old.remove(name)) for name in list(old)]
            root.remove("complaints")
        new = root.add("complaints", Complaints())
        for name, child in children:
            new.add(name, child)
    ensure_indexes(root, registry)
