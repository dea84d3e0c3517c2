"""``ningxia-portal-evolve <ini>``: apply pending evolve steps to the configured database.

It opens the storage from the ini's ``zodbconn.uri`` directly, without serving the
application, so that a production database is migrated before the new code serves it.
``--dry-run`` lists the pending steps and writes nothing, not even a new root.
"""

import argparse
import sys

import transaction

from ningxia_portal.core import evolve
from ningxia_portal.core.root import APP_ROOT_KEY, Portal
from ningxia_portal.scripts import ini_app


def main(argv=None):
    parser = argparse.ArgumentParser(description="Apply pending evolve steps.")
    parser.add_argument("config_uri", help="the ini file, e.g. production.ini")
    parser.add_argument("--dry-run", action="store_true", help="list pending steps only")
    args = parser.parse_args(argv)
    with ini_app(args.config_uri) as (registry, zodb_root):
        root = zodb_root.get(APP_ROOT_KEY)
        if root is None:
            root = Portal()  # an empty database: every step is pending
            if not args.dry_run:
                zodb_root[APP_ROOT_KEY] = root
                transaction.commit()
        todo = [n for n, _ in evolve.pending(root, registry)]
        print(f"database at step {root.schema_version}; pending: {todo or 'none'}")
        if not args.dry_run and todo:
            applied = evolve.evolve(root, registry)
            print(f"applied steps {applied}; now at step {root.schema_version}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
