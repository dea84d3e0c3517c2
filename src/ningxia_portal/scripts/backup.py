"""``ningxia-portal-backup``: full and incremental backups of the FileStorage, with its
blobs, and their restore.

The database file is backed up by ZODB's own ``repozo`` (incremental when it can be: only
the transactions written since the last backup are copied, checked by their checksums), safe
while the portal serves: it reads only committed transactions. The blob files are copied
beside it; a blob file is never changed once written, so each backup copies the new ones
only, and the copy keeps every blob any backup point names.

Repository layout (``--repository``, default ``portal.backup_dir``, else ``var/backups``
beside the ini)::

    <repository>/filestorage/   repozo's .fs (full), .deltafs (incremental), .dat, .index
    <repository>/blobs/         every blob file ever backed up

Restore writes a new database folder (``Data.fs`` and ``blobs/``) as of a backup point
(``--date``, the UTC time each backup prints; default the latest); it never overwrites one.
Point the ini's ``zodbconn.uri`` at it (or move it in place) with the portal stopped.

For ZEO, run it on the ZEO server's machine with ``--file`` and ``--blobs`` naming the
server's FileStorage; for RelStorage, use PostgreSQL's ``pg_dump``/``pg_restore`` (README).
"""

import argparse
import os
import shutil
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from ZODB.scripts import repozo

from ningxia_portal.scripts import ini_settings

FILESTORAGE = "filestorage"
BLOBS = "blobs"


class BackupError(Exception):
    """Said to the admin as it is, without a traceback."""


def storage_paths(uri):
    """(Data.fs path, blob directory or None) of a ``file://`` zodbconn URI."""
    parts = urlsplit(uri)
    if parts.scheme != "file":
        raise BackupError(
            f"zodbconn.uri is {parts.scheme}://: this backs up a FileStorage (file://). "
            "For ZEO, run it on the ZEO server with --file and --blobs; for RelStorage "
            "use pg_dump (see the README)."
        )
    path = unquote(parts.path)
    blobs = parse_qs(parts.query).get("blobstorage_dir", [None])[0]
    return path, blobs


def copy_new_blobs(source, target):
    """Copy the blob files of ``source`` not yet in ``target`` (blob files never change);
    each lands under a temporary name first, so a copy cut short is never taken for one.
    Returns how many were copied."""
    copied = 0
    source = Path(source)
    for dirpath, dirnames, filenames in os.walk(source):
        rel = Path(dirpath).relative_to(source)
        if rel.parts and rel.parts[0] == "tmp":  # uncommitted uploads of the running portal
            dirnames[:] = []
            continue
        for name in filenames:
            dest = Path(target) / rel / name
            if dest.exists():
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            partial = dest.with_name(dest.name + ".partial")
            shutil.copy2(Path(dirpath) / name, partial)
            os.replace(partial, dest)
            copied += 1
    return copied


def latest_point(repository):
    """The UTC time (yyyy-mm-dd-hh-mm-ss) of the newest backup file, as repozo names it."""
    names = sorted(
        p.stem for p in Path(repository, FILESTORAGE).iterdir() if p.suffix in (".fs", ".deltafs")
    )
    return names[-1] if names else None


def backup(data_fs, blobs, repository, full=False):
    """One backup (full, or incremental when repozo can); returns its point."""
    fs_repo = Path(repository, FILESTORAGE)
    fs_repo.mkdir(parents=True, exist_ok=True)
    if not Path(data_fs).exists():
        raise BackupError(f"no database at {data_fs}")
    before = latest_point(repository)
    args = ["-B", "-r", str(fs_repo), "-f", str(data_fs)] + (["-F"] if full else [])
    _repozo(args)
    point = latest_point(repository)
    if point == before:
        raise BackupError("nothing was written since the last backup point")
    copied = copy_new_blobs(blobs, Path(repository, BLOBS)) if blobs else 0
    return point, copied


def restore(repository, target, date=None):
    """A new database folder ``target`` (Data.fs, blobs/) as of ``date`` (default latest)."""
    target = Path(target)
    data_fs = target / "Data.fs"
    if data_fs.exists():
        raise BackupError(f"{data_fs} exists: restore into a new folder")
    target.mkdir(parents=True, exist_ok=True)
    args = ["-R", "-r", str(Path(repository, FILESTORAGE)), "-o", str(data_fs)]
    _repozo(args + (["-D", date] if date else []))
    blob_copy = Path(repository, BLOBS)
    if blob_copy.is_dir():
        shutil.copytree(blob_copy, target / BLOBS, dirs_exist_ok=False)
    return data_fs


def _repozo(args):
    try:
        repozo.main(args)
    except SystemExit as exc:  # repozo exits on a usage error or a broken repository
        if exc.code not in (None, 0):
            raise BackupError(f"repozo {' '.join(args)} failed ({exc.code})") from exc
    except repozo.RepozoError as exc:
        raise BackupError(str(exc)) from exc


def _arguments(argv):
    parser = argparse.ArgumentParser(
        description="Back up the portal's FileStorage and blobs (repozo), or restore them."
    )
    parser.add_argument("config_uri", nargs="?", help="the ini file (its zodbconn.uri)")
    parser.add_argument("--file", help="the Data.fs to back up, instead of the ini's")
    parser.add_argument("--blobs", help="its blob directory, instead of the ini's")
    parser.add_argument("--repository", help="the backup folder (default portal.backup_dir)")
    parser.add_argument("--full", action="store_true", help="a full backup, not incremental")
    parser.add_argument("--restore", metavar="FOLDER", help="restore into this new folder")
    parser.add_argument("--date", help="restore as of this UTC time yyyy-mm-dd-hh-mm-ss")
    return parser, parser.parse_args(argv)


def main(argv=None):
    parser, args = _arguments(argv)
    try:
        return _run(parser, args)
    except BackupError as exc:
        print(f"ningxia-portal-backup: {exc}", file=sys.stderr)
        return 1


def _run(parser, args):
    data_fs, blobs, repository = args.file, args.blobs, args.repository
    if args.config_uri:
        settings = ini_settings(args.config_uri)
        if data_fs is None and not args.restore:
            data_fs, blobs = storage_paths(settings["zodbconn.uri"])
        here = Path(args.config_uri).resolve().parent
        repository = repository or settings.get("portal.backup_dir") or here / "var" / "backups"
    if repository is None or (data_fs is None and not args.restore):
        parser.error("give an ini file, or --file and --repository")
    if args.restore:
        restored = restore(repository, args.restore, args.date)
        print(f"restored {restored} (blobs in {Path(args.restore) / BLOBS})")
    else:
        point, copied = backup(data_fs, blobs, repository, full=args.full)
        print(f"backup point {point} in {repository} ({copied} new blob files)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
