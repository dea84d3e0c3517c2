"""``ningxia-portal-admin <ini> create-admin USERNAME``: the first admin of a production site.

The password comes from ``PORTAL_ADMIN_PASSWORD`` or a prompt, never from the command line
(it would stay in the shell history). The storage is opened from the ini, without the app.
"""

import argparse
import getpass
import os
import sys

import transaction

from ningxia_portal.accounts.resources import KIND_STAFF, User
from ningxia_portal.accounts.schemas import USERNAME_RE, password_problem
from ningxia_portal.core import evolve
from ningxia_portal.core.clock import get_clock
from ningxia_portal.core.root import APP_ROOT_KEY
from ningxia_portal.core.scripting import ini_database
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


def main(argv=None):
    parser = argparse.ArgumentParser(description="Administer the portal's accounts.")
    parser.add_argument("config_uri", help="the ini file, e.g. production.ini")
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create-admin", help="create an administrator account")
    create.add_argument("username")
    args = parser.parse_args(argv)
    with ini_database(args.config_uri, "ningxia-portal-admin") as (registry, db):
        conn = db.open()
        try:
            root = conn.root().get(APP_ROOT_KEY)
            if root is None or evolve.pending(root):
                raise SystemExit(
                    "The database is not up to date: run `ningxia-portal-evolve` first."
                )
            user = create_admin(root, registry, args.username, read_password())
            transaction.get().note(f"ningxia-portal-admin create-admin {user.username}")
            transaction.commit()
            print(f"created administrator {user.username}")
        finally:
            transaction.abort()
            conn.close()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
