"""Step 27: a message box for every account made before boxes were made with accounts."""

from ningxia_portal.core.database import let_go

BATCH = 10_000


def evolve(root, registry):
    """Make the missing boxes, a savepoint every ``BATCH`` so that the connection's cache
    may let the accounts go (a portal of a hundred thousand enterprises)."""
    messages, principals = root.get("messages"), root.get("principals")
    if messages is None or principals is None:
        return
    made = 0
    for username in principals:
        if messages.box(username) is None:
            messages.box_for(username)
            made += 1
            if made % BATCH == 0:
                let_go(getattr(root, "_p_jar", None))
