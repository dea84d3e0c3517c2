"""Step 29: the audit log's section of the back office."""


def evolve(root, registry):
    """Add /manage/audit/, the append-only audit log (empty: nothing before it was logged)."""
    from ningxia_portal.core.manage import ensure_sections

    ensure_sections(root, registry, names=("audit",))
