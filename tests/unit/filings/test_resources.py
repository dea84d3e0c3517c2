"""Filings: ACLs by state, the item snapshot, case numbers, files never overwritten."""

import io
from datetime import date

from pyramid.authorization import ACLHelper, Everyone

from ningxia_portal.filings.resources import Filing, Filings, new_blob
from ningxia_portal.security.permissions import Permissions
from tests.unit.filings.helpers import NOW, make_filing, make_item, make_user


def viewers(filing):
    return set(ACLHelper().principals_allowed_by_permission(filing, Permissions.VIEW))


def test_a_submitted_case_is_seen_by_its_owner_reviewers_and_admins_only():
    filing = make_filing(state="submitted")
    assert viewers(filing) == {
        "role:admin",
        "user:acme",
        "reviewer@640100/scjg",
        "reviewer@640100",
    }
    assert Everyone not in viewers(filing)


def test_a_draft_is_the_owners_alone():
    assert viewers(make_filing(state="draft")) == {"user:acme"}


def test_the_snapshot_keeps_what_the_enterprise_saw():
    item = make_item()
    filing = Filing(item, make_user(), NOW)
    item.title = "食品经营许可（新办）2027版"
    item.materials[0].name = "改名后的申请书"
    item.promised_days = 1
    assert filing.item_title == "食品经营许可（新办）"
    assert filing.materials[0]["name"] == "食品经营许可申请书"
    assert filing.snapshot["promised_days"] == 5
    assert filing.snapshot["department_title"] == "银川市市场监督管理局"
    assert filing.department_key == "640100/scjg" and filing.center_code == "640100"
    assert filing.applicant["title"] == "宁夏阿克米食品有限公司"
    assert filing.item is item


def test_case_numbers_follow_center_date_and_sequence():
    filings = Filings()
    day = date(2026, 3, 2)
    names = [filings.add_case(make_filing(), "640100", day) for _ in range(3)]
    assert names == ["640100-20260302-000001", "640100-20260302-000002", "640100-20260302-000003"]
    assert filings.add_case(make_filing(), "640104", day) == "640104-20260302-000001"
    assert filings.add_case(make_filing(), "640100", date(2026, 3, 3)) == "640100-20260303-000001"
    assert filings["640100-20260302-000002"].case_no == "640100-20260302-000002"


def test_a_counter_behind_existing_cases_skips_to_a_free_number():
    """A counter behind the cases (e.g. restored from a backup) never yields a duplicate."""
    filings = Filings()
    day = date(2026, 3, 2)
    filings.add_case(make_filing(), "640100", day)
    filings.add_case(make_filing(), "640100", day)
    filings.sequences["640100-20260302"].value = 0
    assert filings.add_case(make_filing(), "640100", day) == "640100-20260302-000003"


def test_replaced_files_stay_in_the_history():
    filing = make_filing(state="supplement_required")
    pdf = "application/pdf"
    old = filing.add_file(1, "营业执照.pdf", pdf, 4, new_blob(io.BytesIO(b"%PDF")), NOW)
    filing.supplement_round = 1
    filing.replace_material(1, 1)
    new = filing.add_file(1, "营业执照-清晰.pdf", pdf, 4, new_blob(io.BytesIO(b"%PDF")), NOW)
    assert filing.current_files(1) == [new]
    assert filing.files == [old, new] and old.replaced_in == 1
    with old.open() as f:
        assert f.read() == b"%PDF"


def test_the_reply_is_the_last_reviewer_comment():
    from ningxia_portal.filings.workflow import filing_workflow
    from tests.unit.filings.helpers import permits_for

    filing = make_filing(state="submitted")
    filing_workflow.transition(
        filing,
        "return",
        actor="reviewer",
        actor_title="窗口",
        now=NOW,
        permits=permits_for("reviewer@640100"),
        comment="请补充营业执照",
    )
    assert filing.reply == "请补充营业执照"


def test_the_reply_is_never_a_comment_of_the_owners_transitions():
    """A case stored while admins could supplement may hold an admin's supplement comment:
    the enterprise never reads it as the reviewer's reply."""
    filing = make_filing(state="submitted")
    filing.history.extend(
        [
            {"transition": "return", "actor": "rev", "comment": "请补充营业执照"},
            {"transition": "supplement", "actor": "admin", "comment": "管理员代为补正"},
            {"transition": "supplement", "actor": "acme", "comment": "已补充"},
        ]
    )
    assert filing.reply == "请补充营业执照"
    filing.history.append({"transition": "prereview", "actor": "admin", "comment": "材料齐全"})
    assert filing.reply == "材料齐全"


def _by_owner(filing, transition):
    """The enterprise takes ``transition`` on its case."""
    from ningxia_portal.filings.workflow import filing_workflow
    from tests.unit.filings.helpers import permits_for

    filing_workflow.transition(
        filing,
        transition,
        actor="acme",
        actor_title="阿克米",
        now=NOW,
        permits=permits_for("user:acme"),
    )


def _stored(db, filing):
    """Commit ``filing`` (at the root of a new database) and open it again from storage."""
    with db.transaction() as conn:
        conn.root()["case"] = filing
    conn = db.open()
    return conn, conn.root()["case"]


def test_what_a_case_writes_once_is_plain_data_in_its_records():
    from persistent import Persistent
    from ZODB import DB

    filing = Filing(make_item(), make_user(), NOW)
    filing.add_file(0, "申请书.pdf", "application/pdf", 3, None, NOW)
    _by_owner(filing, "submit")
    filing.set_material_reviews([{"status": "ok", "note": ""}])
    parts = [filing.snapshot, filing.material_reviews, filing.history[0], filing.files[0]]
    assert not any(isinstance(p, Persistent) for p in parts)
    db = DB(None)
    with db.transaction() as conn:
        conn.root()["item"] = filing.item  # stored before, as items are
    before = len(db.storage)
    conn, case = _stored(db, filing)
    # The case, its history list and its file list: three records, nothing else.
    assert len(db.storage) - before == 3
    case.replace_material(0, 1)  # a plain record inside the list: the list is written again
    conn.transaction_manager.commit()
    conn.close()
    conn = db.open()
    case = conn.root()["case"]
    assert case.files[0].replaced_in == 1 and case.current_files(0) == []
    assert case.material_reviews == {0: {"status": "ok", "note": ""}}
    conn.close()
    db.close()


def test_a_case_stored_with_persistent_parts_reads_and_changes_alike():
    """Cases stored before their parts became plain data keep them (no migration)."""
    from persistent.list import PersistentList
    from persistent.mapping import PersistentMapping
    from ZODB import DB

    from ningxia_portal.filings.resources import StoredFile

    filing = Filing(make_item(), make_user(), NOW)
    filing.snapshot = PersistentMapping(filing.snapshot)
    filing.material_reviews = PersistentMapping({0: {"status": "missing", "note": "缺"}})
    old = StoredFile("1", 0, "旧.pdf", "application/pdf", 3, None, NOW, 0)
    filing.files = PersistentList([old])
    filing.last_file_id = 1
    filing.history = PersistentList(
        [PersistentMapping(actor="rev", comment="请补正", transition="return")]
    )
    db = DB(None)
    conn, case = _stored(db, filing)
    assert case.item_title == "食品经营许可（新办）" and case.reply == "请补正"
    assert case.material_reviews.get(0)["status"] == "missing"
    case.supplement_round = 1
    case.replace_material(0, 1)
    case.add_file(0, "新.pdf", "application/pdf", 4, None, NOW)
    case.state = "supplement_required"
    _by_owner(case, "supplement")
    case.set_material_reviews([{"status": "ok", "note": ""}])
    conn.transaction_manager.commit()
    conn.close()
    conn = db.open()
    case = conn.root()["case"]
    assert [f.filename for f in case.current_files(0)] == ["新.pdf"]
    assert case.get_file("1").replaced_in == 1 and case.get_file("2").file_id == "2"
    assert [e["transition"] for e in case.history] == ["return", "supplement"]
    assert case.material_reviews == {0: {"status": "ok", "note": ""}}
    conn.close()
    db.close()
