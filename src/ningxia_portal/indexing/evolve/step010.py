"""Step 10: text indexes keep every word's postings in a tree of its own (fewer conflicts)."""


def evolve(root, registry):
    """Switch the catalog's text indexes to PostingsOkapiIndex (indexing/textindex.py).

    The stored index keeps its data; only its class changes. Words still held as plain
    dicts become trees the next time a document adds to them.
    """
    from hypatia.text import TextIndex

    from ningxia_portal.indexing.textindex import PostingsOkapiIndex

    for index in root.catalog.values():
        okapi = getattr(index, "index", None) if isinstance(index, TextIndex) else None
        if okapi is not None and type(okapi) is not PostingsOkapiIndex:
            okapi._p_activate()
            okapi.__class__ = PostingsOkapiIndex
            okapi._p_changed = True
