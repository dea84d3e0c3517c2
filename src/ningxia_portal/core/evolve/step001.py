"""Step 1: the top-level containers of the resource tree."""

from ningxia_portal.core.folder import Folder
from ningxia_portal.core.root import TOP_LEVEL


def evolve(root, registry):
    """Create the top-level containers (centers, announcements, filings …)."""
    from ningxia_portal.accounts.resources import Principals
    from ningxia_portal.catalogue.resources import Centers

    factories = {"centers": Centers, "principals": Principals}
    for name in TOP_LEVEL:
        if name not in root:
            root.add(name, factories.get(name, Folder)(), send_events=False)
