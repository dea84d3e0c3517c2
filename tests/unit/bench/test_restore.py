"""The runner cuts a dataset back to its generated size, and leaves it with its index."""

import transaction
from bench.run import restore_dataset
from bench.storages import FileBackend, open_db
from ZODB import DB
from ZODB.FileStorage import FileStorage


def written_after_generation(folder):
    """A Data.fs as generated ({"generated": 1}) and then written to; (path, generated size)."""
    path = folder / "Data.fs"
    db = DB(FileStorage(str(path)))
    with db.transaction() as conn:
        conn.root()["generated"] = 1
    generated = path.stat().st_size
    with db.transaction() as conn:
        conn.root()["posted"] = 2
    db.close()
    return path, generated


def stored_root(db):
    """What ``db``'s root holds, as a dict (the database is closed afterwards)."""
    try:
        conn = db.open()
        root = dict(conn.root())
        conn.close()
        transaction.abort()
        return root
    finally:
        db.close()


def test_restore_cuts_what_the_pages_wrote_and_keeps_an_index(tmp_path):
    path, generated = written_after_generation(tmp_path)
    (tmp_path / "Data.fs.index").unlink(missing_ok=True)

    restore_dataset(tmp_path, {"generated_bytes": generated})

    assert path.stat().st_size == generated
    assert (tmp_path / "Data.fs.index").exists()  # the next start-up need not rebuild it
    assert stored_root(DB(FileStorage(str(path), read_only=True))) == {"generated": 1}


def test_a_run_starts_from_the_dataset_as_generated_even_after_one_that_was_killed(tmp_path):
    """A run killed before its cut-back leaves its writes in Data.fs; the next one cuts them
    away before serving, not only after."""
    path, generated = written_after_generation(tmp_path)
    dataset = {"generated_bytes": generated}

    with FileBackend(tmp_path, lambda: restore_dataset(tmp_path, dataset)) as backend:
        assert path.stat().st_size == generated
        assert stored_root(open_db(backend)) == {"generated": 1}
