"""Accounts: users, login and logout, registration, profile, account management."""


def includeme(config):
    """Views are found by the app's scan."""
