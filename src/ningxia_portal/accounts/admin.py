"""The first admin of a production site (``ningxia-portal-admin <ini> create-admin USERNAME``).

The password comes from ``PORTAL_ADMIN_PASSWORD`` or a prompt, never from the command line
(it would stay in the shell history).
"""

import getpass
import os

from ningxia_portal.accounts.resources import KIND_STAFF, User
from ningxia_portal.accounts.schemas import USERNAME_RE, password_problem
from ningxia_portal.core.clock import get_clock
from ningxia_portal.security.passwords import get_passwords
from ningxia_portal.security.permissions import Roles

ENV_PASSWORD = "PORTAL_ADMIN_PASSWORD"  # noqa: S105 - the variable's name, not a password


def read_password():
    password = os.environ.get(ENV_PASSWORD)
    if password:
        return password
    first = getpass.getpass("Password: ")
    if getpass.getpass("Repeat the password: ") != first:
        raise SystemExit("The two passwords differ.")
    return first


def create_admin(root, registry, username, password):
    """Add a staff account holding the admin role; refuse an existing name or a weak password."""
    username = username.strip().lower()
    if not USERNAME_RE.match(username):
        raise SystemExit(f"Invalid username {username!r}: 3-32 of a-z, 0-9, _, from a letter.")
    problem = password_problem(password)
    if problem:
        raise SystemExit(f"Password refused: {problem.interpolate()}")
    principals = root["principals"]
    if username in principals:
        raise SystemExit(f"The account {username!r} already exists.")
    user = User(
        username,
        get_passwords(registry).hash(password),
        kind=KIND_STAFF,
        title=username,
        created=get_clock(registry).now(),
    )
    user.roles = (Roles.ADMIN.value,)
    principals.add_user(user)
    return user
