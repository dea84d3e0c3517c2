"""Step 18: the index queue in parts that concurrent writers never fight over."""


def evolve(root, registry):
    """Store the index queue in its new parts; add /manage/indexing/; re-queue set-aside.

    The stored queue becomes inbox, backlog and set-aside documents (no queued oid is lost).
    """
    from ningxia_portal.core.manage import ensure_sections
    from ningxia_portal.indexing.queue import install

    queue = install(root)
    queue._p_activate()  # a queue stored with a tuple ``pending`` loads migrated …
    if queue.migrated:
        queue._p_changed = True  # … and is stored so now
        queue._v_migrated = False
    queue.requeue()
    ensure_sections(root, registry, names=("indexing",))
