"""What the storage costs a commit (`python -m bench.storage_floor`), and what a submission
stores (`python -m bench.submit_profile --stored`): measured on real, tiny storages."""

import os
import time

import transaction
from bench.storage_floor import Thing, commit_cost, line, process_cpu, report, run
from bench.submit_profile import counting_stores, stored_report
from ZODB import DB
from ZODB.FileStorage import FileStorage
from ZODB.serialize import ObjectWriter


def test_the_line_through_the_costs_gives_a_commit_and_an_object():
    assert line([(1, 1.5), (21, 3.5), (61, 7.5)]) == (1.4, 0.1)
    assert line([(5, 2.0)]) == (2.0, 0.0)


def test_each_transaction_changes_and_stores_every_object(tmp_path):
    db = DB(FileStorage(str(tmp_path / "Data.fs")))
    try:
        with counting_stores() as stored:
            client, server = commit_cost(db, objects=3, size=100, n=4)
        conn = db.open()
        things = conn.root()["things-3"]
        assert [t.count for t in things] == [54, 54, 54]  # 50 to warm up, then 4
        assert all(len(t.data) == 100 for t in things)
        conn.close()
    finally:
        db.close()
    assert client > 0 and server == 0.0
    assert stored[f"{Thing.__module__}.Thing"][0] == 3 + 3 * 54
    lines = report("FileStorage", {3: (client, 0.0), 7: (client * 2, 0.0)})
    assert lines[0] == "FileStorage:"
    assert lines[-1].startswith("  fit: ") and "µs per object" in lines[-1]


def test_filestorage_and_a_zeo_server_it_starts_are_both_measured(tmp_path):
    lines = run([1, 4], size=50, n=5, folder=tmp_path)
    assert lines[0] == "FileStorage, in this process:"
    zeo = lines.index("ZEO, server on this machine:")
    assert len(lines) == zeo + 4
    assert "ms server" in lines[zeo + 1]
    # Every transaction went where it says: into the local file, and through the server
    # into its own (50 to warm up, then 5).
    for path in (tmp_path / "local.fs", tmp_path / "zeo" / "Data.fs"):
        db = DB(FileStorage(str(path), read_only=True))
        try:
            conn = db.open()
            assert [t.count for t in conn.root()["things-4"]] == [55] * 4
            assert [t.count for t in conn.root()["things-1"]] == [55]
            conn.close()
        finally:
            db.close()


def test_a_process_cpu_is_read_from_proc():
    before = process_cpu(os.getpid())
    spent = time.process_time()
    while time.process_time() - spent < 0.05:
        pass
    assert process_cpu(os.getpid()) - before >= 0.03  # clock ticks: 10 ms each


def test_counting_stores_counts_by_class_and_puts_the_writer_back(tmp_path):
    serialize = ObjectWriter.serialize
    db = DB(FileStorage(str(tmp_path / "Data.fs")))
    try:
        conn = db.open()
        with counting_stores() as stored:
            conn.root()["a"] = Thing(10)
            conn.root()["b"] = Thing(10)
            transaction.commit()
        conn.close()
    finally:
        db.close()
    assert ObjectWriter.serialize is serialize
    assert stored[f"{Thing.__module__}.Thing"][0] == 2
    assert stored["persistent.mapping.PersistentMapping"][0] == 1  # the root
    lines = stored_report(stored, n=2)
    assert lines[0] == "stored per submission (2 submissions):"
    assert lines[1].endswith(f"{Thing.__module__}.Thing")
    assert lines[1].split()[:2] == ["1.00", "objects"]
    assert lines[-1].split()[0] == "1.50" and lines[-1].endswith("in all")
