"""The runner cuts a dataset back to its generated size, and leaves it with its index."""

import transaction
from bench.run import restore_dataset
from ZODB import DB
from ZODB.FileStorage import FileStorage


def test_restore_cuts_what_the_pages_wrote_and_keeps_an_index(tmp_path):
    path = tmp_path / "Data.fs"
    db = DB(FileStorage(str(path)))
    with db.transaction() as conn:
        conn.root()["generated"] = 1
    generated = path.stat().st_size
    with db.transaction() as conn:
        conn.root()["posted"] = 2
    db.close()
    (tmp_path / "Data.fs.index").unlink(missing_ok=True)

    restore_dataset(tmp_path, {"generated_bytes": generated})

    assert path.stat().st_size == generated
    assert (tmp_path / "Data.fs.index").exists()  # the next start-up need not rebuild it
    db = DB(FileStorage(str(path), read_only=True))
    conn = db.open()
    assert dict(conn.root()) == {"generated": 1}
    conn.close()
    db.close()
    transaction.abort()
