"""``ningxia-portal-admin <ini> create-admin USERNAME``: the first admin of a production site.

The storage is opened from the ini, without serving the application.
"""

import argparse
import sys

import transaction

from ningxia_portal.accounts.admin import create_admin, read_password
from ningxia_portal.core import evolve
from ningxia_portal.core.root import APP_ROOT_KEY
from ningxia_portal.scripts import ini_app


def main(argv=None):
    parser = argparse.ArgumentParser(description="Administer the portal's accounts.")
    parser.add_argument("config_uri", help="the ini file, e.g. production.ini")
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create-admin", help="create an administrator account")
    create.add_argument("username")
    args = parser.parse_args(argv)
    with ini_app(args.config_uri) as (registry, zodb_root):
        root = zodb_root.get(APP_ROOT_KEY)
        if root is None or evolve.pending(root, registry):
            raise SystemExit("The database is not up to date: run `ningxia-portal-evolve` first.")
        user = create_admin(root, registry, args.username, read_password())
        transaction.get().note(f"ningxia-portal-admin create-admin {user.username}")
        transaction.commit()
        print(f"created administrator {user.username}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
