"""Step 5: announcements get their own container class and their catalog indexes."""


def evolve(root, registry):
    """Make /announcements/ an Announcements folder (keeping children); add its indexes."""
    from ningxia_portal.announcements.resources import Announcements
    from ningxia_portal.indexing.catalog import ensure_indexes

    old = root.get("announcements")
    if not isinstance(old, Announcements):
        new = Announcements()
        if old is not None:
            children = list(old.items())
            root.remove("announcements")  # the catalog unindexes the old subtree
            for name, child in children:
                new.data[name] = child
                child.__parent__ = new
                new._num_objects.change(1)
        root.add("announcements", new)  # the catalog indexes it and its children
    ensure_indexes(root, registry)
