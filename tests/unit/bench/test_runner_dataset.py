"""The load runner puts a dataset back as generated after a run, index included."""

import shutil

from bench.run import GENERATED_INDEX, restore_dataset
from ZODB import DB
from ZODB.FileStorage import FileStorage

from tests.unit.bench.test_restore import stored_root


def write(path, key, value):
    db = DB(FileStorage(str(path / "Data.fs")))
    try:
        with db.transaction() as conn:
            conn.root()[key] = value
    finally:
        db.close()  # saves Data.fs.index


def test_restore_cuts_what_a_run_wrote_and_puts_back_the_generated_index(tmp_path):
    write(tmp_path, "generated", 1)
    dataset = {"generated_bytes": (tmp_path / "Data.fs").stat().st_size}
    shutil.copyfile(tmp_path / "Data.fs.index", tmp_path / GENERATED_INDEX)
    generated_index = (tmp_path / GENERATED_INDEX).read_bytes()
    write(tmp_path, "posted", 2)  # what a POST page wrote during the run

    restore_dataset(tmp_path, dataset)

    assert (tmp_path / "Data.fs").stat().st_size == dataset["generated_bytes"]
    # The generator's index is back, so start-up need not read the whole file to rebuild it.
    assert (tmp_path / "Data.fs.index").read_bytes() == generated_index
    storage = FileStorage(str(tmp_path / "Data.fs"), read_only=True)
    assert stored_root(DB(storage)) == {"generated": 1}
