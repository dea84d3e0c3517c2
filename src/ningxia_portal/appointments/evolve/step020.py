"""Step 20: ``/appointments/`` becomes an Appointments container; its indexes; the slots'
section of the back office."""


def evolve(root, registry):
    """Make /appointments/ an Appointments container, with its indexes and back-office section.

    An older database holds a plain Folder there (kept children move into the container)."""
    from ningxia_portal.appointments.resources import Appointments
    from ningxia_portal.core.manage import ensure_sections
    from ningxia_portal.indexing.catalog import ensure_indexes

    old = root.get("appointments")
    if not isinstance(old, Appointments):
        children = []
        if old is not None:
            children = [(name, old.remove(name)) for name in list(old)]
            root.remove("appointments")
        new = root.add("appointments", Appointments())
        for name, child in children:
            new.add(name, child)
    if getattr(root, "catalog", None) is not None:
        ensure_indexes(root, registry)
    ensure_sections(root, registry, names=("appointments",))
