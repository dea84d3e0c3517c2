"""Step 19: the holiday calendar's section of the back office."""


def evolve(root, registry):
    """Add /manage/calendar/, where admins override single days of the holiday calendar."""
    from ningxia_portal.core.manage import ensure_sections

    ensure_sections(root, registry, names=("calendar",))
