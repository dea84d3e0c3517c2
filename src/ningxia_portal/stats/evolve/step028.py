"""Step 28: ``/stats/`` (统计分析) and its day counters, counted from the stored records."""


def evolve(root, registry):
    """Add the Stats container and count every case, appointment, consultation, complaint
    and rating into it, in batches (stats/rebuild.py)."""
    from ningxia_portal.stats.rebuild import rebuild
    from ningxia_portal.stats.resources import Stats

    if "stats" not in root:
        root.add("stats", Stats())
    rebuild(root, registry)
