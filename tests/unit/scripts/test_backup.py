"""ningxia-portal-backup: write, back up (full), write more, back up (incremental), restore
both points into new folders and find exactly the data and blob files of each."""

import time
from pathlib import Path

import pytest
import transaction
import ZODB
from persistent.mapping import PersistentMapping
from ZODB.blob import Blob
from ZODB.FileStorage import FileStorage

from ningxia_portal.scripts import backup


def write_ini(tmp_path, uri):
    ini = tmp_path / "portal.ini"
    ini.write_text(f"[app:main]\nuse = egg:ningxia_portal\nzodbconn.uri = {uri}\n")
    return str(ini)


def open_db(data_fs, blobs):
    return ZODB.DB(FileStorage(str(data_fs), blob_dir=str(blobs)))


def put(db, name, text, content):
    with db.transaction() as conn:
        root = conn.root()
        doc = PersistentMapping(text=text, file=Blob())
        with doc["file"].open("w") as f:
            f.write(content)
        root[name] = doc


def read(data_fs, blobs):
    db = open_db(data_fs, blobs)
    try:
        with db.transaction() as conn:
            out = {}
            for name, doc in conn.root().items():
                with doc["file"].open("r") as f:
                    out[name] = (doc["text"], f.read())
            return out
    finally:
        db.close()


def next_second():
    """repozo names a backup by its UTC second: let the clock pass to the next one."""
    start = time.gmtime()
    while time.gmtime() == start:
        time.sleep(0.01)


def run(capsys, *argv):
    code = backup.main(list(argv))
    out = capsys.readouterr()
    return code, out.out + out.err


def test_full_and_incremental_backups_restore_each_point(tmp_path, capsys):
    var = tmp_path / "var"
    var.mkdir()
    data_fs, blobs = var / "Data.fs", var / "blobs"
    ini = write_ini(tmp_path, f"file://{data_fs}?blobstorage_dir={blobs}")
    db = open_db(data_fs, blobs)
    try:
        put(db, "a", "营业执照", b"first file")
        code, out = run(capsys, ini, "--full")  # while the database is open and serving
        assert code == 0, out
        first = out.split("backup point ")[1].split()[0]
        next_second()
        put(db, "b", "食品经营许可证", b"second file" * 1000)
        with db.transaction() as conn:
            conn.root()["a"]["text"] = "营业执照（副本）"
        transaction.commit()
        code, out = run(capsys, ini)
        assert code == 0, out
        second = out.split("backup point ")[1].split()[0]
    finally:
        db.close()

    repo = tmp_path / "var" / "backups"
    files = sorted(p.name for p in (repo / "filestorage").iterdir())
    assert f"{first}.fs" in files and f"{second}.deltafs" in files  # full, then incremental
    assert len(list((repo / "blobs").rglob("*.blob"))) == 2

    code, out = run(capsys, ini, "--restore", str(tmp_path / "r1"), "--date", first)
    assert code == 0, out
    assert read(tmp_path / "r1" / "Data.fs", tmp_path / "r1" / "blobs") == {
        "a": ("营业执照", b"first file")
    }
    code, out = run(capsys, ini, "--restore", str(tmp_path / "r2"))
    assert code == 0, out
    assert read(tmp_path / "r2" / "Data.fs", tmp_path / "r2" / "blobs") == {
        "a": ("营业执照（副本）", b"first file"),
        "b": ("食品经营许可证", b"second file" * 1000),
    }
    # A restore never overwrites a database.
    code, out = run(capsys, ini, "--restore", str(tmp_path / "r2"))
    assert code == 1 and "exists" in out


def test_a_storage_that_is_not_a_file_is_explained(tmp_path, capsys):
    ini = write_ini(tmp_path, "zeo://127.0.0.1:8100")
    code, out = run(capsys, ini)
    assert code == 1 and "ZEO" in out and "pg_dump" in out


def test_nothing_new_since_the_last_point_is_said(tmp_path, capsys):
    data_fs, blobs = tmp_path / "Data.fs", tmp_path / "blobs"
    db = open_db(data_fs, blobs)
    put(db, "a", "x", b"y")
    db.close()
    repo = str(tmp_path / "repo")
    assert run(capsys, "--file", str(data_fs), "--blobs", str(blobs), "--repository", repo)[0] == 0
    next_second()
    code, out = run(capsys, "--file", str(data_fs), "--repository", repo)
    assert code == 1 and "nothing was written" in out


@pytest.mark.parametrize("name", ["tmp"])
def test_uncommitted_uploads_are_not_copied(tmp_path, name):
    source = tmp_path / "blobs"
    (source / name).mkdir(parents=True)
    (source / name / "upload.tmp").write_bytes(b"half")
    (source / "0x00").mkdir()
    (source / "0x00" / "1.blob").write_bytes(b"whole")
    assert backup.copy_new_blobs(source, tmp_path / "copy") == 1
    assert [p.name for p in Path(tmp_path / "copy").rglob("*") if p.is_file()] == ["1.blob"]
