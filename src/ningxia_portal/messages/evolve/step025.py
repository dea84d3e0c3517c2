"""Step 25: the ``/messages/`` container of the users' message boxes."""


def evolve(root, registry):
    """Add ``/messages/`` to a database made before the message box (a new database has
    it from step 1)."""
    from ningxia_portal.messages.resources import Messages

    if "messages" not in root:
        root.add("messages", Messages())
