"""``ningxia-portal-evolve <ini>``: apply pending evolve steps to the configured database.

It opens the storage from the ini's ``zodbconn.uri`` directly, without starting the
application, so that a production database is migrated before the new code serves it.
"""

import argparse
import sys

import transaction

from ningxia_portal.core import evolve
from ningxia_portal.core.root import APP_ROOT_KEY, Portal
from ningxia_portal.core.scripting import ini_database


def main(argv=None):
    parser = argparse.ArgumentParser(description="Apply pending evolve steps.")
    parser.add_argument("config_uri", help="the ini file, e.g. production.ini")
    parser.add_argument("--dry-run", action="store_true", help="list pending steps only")
    args = parser.parse_args(argv)
    with ini_database(args.config_uri, "ningxia-portal-evolve") as (registry, db):
        conn = db.open()
        zodb_root = conn.root()
        if APP_ROOT_KEY not in zodb_root:
            zodb_root[APP_ROOT_KEY] = Portal()
            transaction.commit()
        root = zodb_root[APP_ROOT_KEY]
        todo = [n for n, _ in evolve.pending(root)]
        print(f"database at step {root.schema_version}; pending: {todo or 'none'}")
        if not args.dry_run and todo:
            applied = evolve.evolve(root, registry)
            print(f"applied steps {applied}; now at step {root.schema_version}")
        transaction.abort()
        conn.close()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
