"""``ningxia-portal-pack <ini> [--days N]``: drop object revisions older than N days.

ZODB keeps every revision of every object; packing removes the ones older than the
retention (``--days``, default ``portal.pack_days``) that no current object still needs,
and their blob files. A backup taken before (``ningxia-portal-backup``) keeps them.

It is safe while the portal serves on ZEO or RelStorage: the pack runs in the storage
server (ZEO) or the database (RelStorage) beside the app processes' reads and commits. The
embedded FileStorage belongs to the one process serving it: the script refuses while the
portal holds its lock (stop it first, or serve through a ZEO server).
"""

import argparse
import sys

import ZODB
import zodburi
from zc.lockfile import LockError

from ningxia_portal.scripts import ini_settings


def pack(uri, days):
    """Pack the storage of ``uri`` to ``days`` ago; returns its size before and after
    (None where the storage doesn't say)."""
    factory, dbkw = zodburi.resolve_uri(uri)
    storage = factory()
    db = ZODB.DB(storage, **dbkw)
    try:
        before = _size(storage)
        db.pack(days=days)
        return before, _size(storage)
    finally:
        db.close()


def _size(storage):
    try:
        return storage.getSize()
    except Exception:  # noqa: BLE001 - a size is only reported, never needed
        return None


def main(argv=None):
    parser = argparse.ArgumentParser(description="Pack the portal's database.")
    parser.add_argument("config_uri", help="the ini file (its zodbconn.uri)")
    parser.add_argument(
        "--days", type=float, help="keep revisions this many days (default: portal.pack_days)"
    )
    args = parser.parse_args(argv)
    settings = ini_settings(args.config_uri)
    days = args.days if args.days is not None else float(settings.get("portal.pack_days", 30))
    if days < 0:
        parser.error("--days is 0 or more")
    try:
        before, after = pack(settings["zodbconn.uri"], days)
    except LockError:
        print(
            "ningxia-portal-pack: the FileStorage is in use by the running portal; stop it "
            "first, or serve through a ZEO server and pack there while it serves.",
            file=sys.stderr,
        )
        return 1
    sizes = f" ({before:,} → {after:,} bytes)" if before and after else ""
    print(f"packed to {days:g} days ago{sizes}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
