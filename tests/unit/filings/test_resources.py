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
    from ningxia_portal.filings import workflow as wf
    from tests.unit.filings.helpers import permits_for

    filing = make_filing(state="submitted")
    wf.transition(
        filing,
        "return",
        actor="reviewer",
        actor_title="窗口",
        now=NOW,
        permits=permits_for("reviewer@640100"),
        comment="请补充营业执照",
    )
    assert filing.reply == "请补充营业执照"
