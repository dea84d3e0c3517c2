"""Step 3: the ``/manage/`` back office with the sections the domains registered."""


def evolve(root, registry):
    """Create /manage/ and its sections (accounts, the catalogue …)."""
    from ningxia_portal.core.manage import Manage, ensure_sections

    if root.get("manage") is None:
        root.add("manage", Manage())
    ensure_sections(root, registry)
