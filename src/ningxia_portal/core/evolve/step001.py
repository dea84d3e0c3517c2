"""Step 1: the top-level containers of the resource tree."""


def evolve(root, registry):
    """Create the top-level containers the domains registered (centers, filings …)."""
    from ningxia_portal.core.directives import containers

    for name, factory in containers(registry).items():
        if name not in root:
            root.add(name, factory())
