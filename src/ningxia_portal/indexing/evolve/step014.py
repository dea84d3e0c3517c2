"""Step 14: the index queue, so a request's new cases are catalogued in batches."""


def evolve(root, registry):
    """Give the root its index queue (indexing/queue.py): submissions catalogue through it."""
    from ningxia_portal.indexing.queue import install

    install(root)
