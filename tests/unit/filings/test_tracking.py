"""The case progress lookup's rules (filings/tracking.py): which phone matches, which case is
found, what the timeline holds."""

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from ningxia_portal.filings import tracking

CASE_NO = "640100-20260302-000001"


@pytest.mark.parametrize(
    ("stored", "typed", "matches"),
    [
        ("13995000001", "13995000001", True),
        ("13995000001", "0001", True),
        ("13995000001", "139-9500-0001", True),
        ("13995000001", "１３９９５０００００１", True),  # full-width digits
        ("0951-1234567", "09511234567", True),
        ("0951-1234567", "4567", True),
        ("13995000001", "13995000002", False),
        ("13995000001", "3995000001", False),  # neither the whole number nor four digits
        ("13995000001", "00001", False),
        ("13995000001", "", False),
        ("", "", False),  # a case without a phone is never found
        ("1234", "1234", False),  # nor one whose phone is too short to be one
        ("", "0001", False),
    ],
)
def test_the_whole_phone_or_its_last_four_digits_match(stored, typed, matches):
    assert tracking.phone_matches(stored, typed) is matches


def case(state="submitted", phone="13995000001", history=()):
    return SimpleNamespace(state=state, phone=phone, history=list(history))


def test_a_case_is_one_get_and_a_draft_is_never_found():
    class Folder(dict):
        asked = []

        def get(self, name, default=None):
            self.asked.append(name)
            return super().get(name, default)

    submitted = case()
    filings = Folder({CASE_NO: submitted, "640100-20260302-000002": case(state="draft")})
    assert tracking.find_case(filings, CASE_NO, "0001") is submitted
    assert tracking.find_case(filings, "640100-20260302-000002", "0001") is None
    assert tracking.find_case(filings, CASE_NO, "0002") is None
    assert tracking.find_case(filings, "draft-0123456789abcdef", "0001") is None
    assert Folder.asked == [CASE_NO, "640100-20260302-000002", CASE_NO]  # not the draft name


def test_the_timeline_holds_times_and_step_titles_only():
    when = datetime(2026, 3, 2, 1, tzinfo=UTC)
    entry = {
        "time": when,
        "actor": "rev",
        "actor_title": "市场监管窗口 王芳",
        "from_state": "submitted",
        "comment": "内部意见",
    }
    history = [
        {**entry, "transition": "submit", "to_state": "submitted"},
        {**entry, "transition": "return", "to_state": "supplement_required"},
        {**entry, "transition": "offline_receipt", "to_state": "submitted"},  # unknown move
    ]
    steps = tracking.timeline(case(history=history))
    assert [(w, str(t)) for w, t in steps] == [
        (when, "Application submitted"),
        (when, "Returned for supplement"),
        (when, "Submitted, awaiting pre-review"),  # the state it led to
    ]
