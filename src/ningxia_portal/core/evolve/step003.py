"""Step 3: the ``/manage/`` back office with its accounts section."""


def evolve(root, registry):
    """Create /manage/ and /manage/accounts/ (admins manage accounts and roles there)."""
    from ningxia_portal.core.manage import AccountsSection, Manage

    manage = root.get("manage")
    if manage is None:
        manage = root.add("manage", Manage(), send_events=False)
    if "accounts" not in manage:
        manage.add("accounts", AccountsSection(), send_events=False)
