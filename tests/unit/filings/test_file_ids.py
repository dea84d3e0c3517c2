"""File ids only go up; evolve step 7 repairs the duplicates that reuse left behind."""

import io

from ningxia_portal.filings.evolve import step007
from ningxia_portal.filings.resources import StoredFile, new_blob
from tests.unit.filings.helpers import NOW, make_filing


def add(filing, name):
    return filing.add_file(0, name, "application/pdf", 3, new_blob(io.BytesIO(b"pdf")), NOW)


def test_ids_are_not_reused_after_a_draft_file_is_removed():
    filing = make_filing(state="draft")
    add(filing, "one.pdf")
    add(filing, "two.pdf")
    filing.remove_draft_file("1")
    three = add(filing, "three.pdf")
    filing.remove_draft_file("2")
    four = add(filing, "four.pdf")
    assert (three.file_id, four.file_id) == ("3", "4")
    assert filing.get_file("3").filename == "three.pdf"


def test_a_case_stored_before_the_counter_continues_after_its_highest_id():
    filing = make_filing(state="draft")
    del filing.last_file_id  # as an object pickled before the counter existed
    filing.files.append(StoredFile("5", 0, "old.pdf", "application/pdf", 3, None, NOW, 0))
    assert filing.last_file_id is None
    assert add(filing, "new.pdf").file_id == "6"


def stored(file_id, name):
    return StoredFile(file_id, 0, name, "application/pdf", 3, None, NOW, 0)


def test_step7_gives_later_duplicates_new_ids_and_keeps_the_first():
    filing = make_filing(state="draft")
    del filing.last_file_id
    filing.files.extend([stored("2", "two.pdf"), stored("2", "three.pdf"), stored("3", "x.pdf")])
    assert step007.renumber_duplicate_file_ids(filing) == 1
    assert [(f.file_id, f.filename) for f in filing.files] == [
        ("2", "two.pdf"),
        ("4", "three.pdf"),
        ("3", "x.pdf"),
    ]
    assert add(filing, "next.pdf").file_id == "5"
    assert step007.renumber_duplicate_file_ids(filing) == 0  # harmless a second time


def test_step7_runs_over_the_stored_cases(registry):
    from ningxia_portal.core import evolve
    from ningxia_portal.core.root import Portal

    root = Portal()
    for number, fn in evolve.steps(registry):
        if number < 7:
            fn(root, registry)
    filing = make_filing(state="draft")
    filing.files.extend([stored("1", "a.pdf"), stored("1", "b.pdf")])
    root["filings"].add("draft-1", filing)
    step007.evolve(root, registry)
    assert [f.file_id for f in filing.files] == ["1", "2"] and filing.last_file_id == 2
