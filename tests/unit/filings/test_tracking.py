"""The case progress lookup's rules (filings/tracking.py): which phone matches, which case is
found, what the timeline holds."""

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from ningxia_portal.core.clock import FrozenClock
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


# -- guessing the last four digits --------------------------------------------------------
PHONE = "13995009876"
LIMIT = 10  # portal.track_max_misses, and the misses one case number may have


def registry(max_keys=10_000, **settings):
    """What the application's registry gives tracking.py, with tables of ``max_keys``."""
    values = {
        "portal.track_max_misses": LIMIT,
        "portal.track_window_minutes": 15,
        "portal.track_network_max_misses": 100,
        "portal.track_case_max_misses": LIMIT,
        "portal.track_case_window_hours": 24,
        **settings,
    }
    reg = SimpleNamespace(settings=values, portal_clock=FrozenClock())
    reg.portal_track_throttle = tracking._make_throttle(reg)
    reg.portal_track_case_throttle = tracking._make_case_throttle(reg)
    for throttle in (reg.portal_track_throttle, reg.portal_track_case_throttle):
        throttle.max_keys = max_keys
    return reg


def request(reg, addr):
    return SimpleNamespace(registry=reg, remote_addr=addr)


def filings():
    return {CASE_NO: case(phone=PHONE)}


def v6(n, site=0):
    """One address in each /64 of an attacker's /48 ``site`` (2001:db8:<site>::/48)."""
    return f"2001:db8:{site:x}:{n & 0xFFFF:x}::1"


def v4(n):
    return f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"


def guess_all(reg, cases, address_of):
    """Try every last-four value, the n-th guess from ``address_of(n)``: the value found."""
    for guess in range(10_000):
        try:
            hit = tracking.look_up(request(reg, address_of(guess)), cases, CASE_NO, f"{guess:04d}")
        except tracking.TrackThrottled:
            continue
        if hit is not None:
            return f"{guess:04d}"
    return None


def test_guesses_spread_over_many_addresses_meet_the_case_limit():
    reg, cases = registry(), filings()
    # 1,000 IPv4 addresses x 10 guesses each would cover every last-four value.
    assert guess_all(reg, cases, lambda n: v4(n // LIMIT)) is None
    # The shortcut is refused for this case, but its whole phone is still checked.
    assert tracking.look_up(request(reg, v4(99_999)), cases, CASE_NO, PHONE) is cases[CASE_NO]


def test_the_64s_of_one_48_count_together():
    reg, cases = registry(**{"portal.track_case_max_misses": 100_000}), filings()  # no case limit
    for n in range(100):  # 100 /64s of one /48, one miss each
        tracking.look_up(request(reg, v6(n)), cases, CASE_NO, "0000")
    try:
        tracking.look_up(request(reg, v6(5000)), cases, CASE_NO, PHONE)
        raise AssertionError("the 101st lookup from the /48 was checked")
    except tracking.TrackThrottled:
        pass
    assert tracking.look_up(request(reg, v6(0, site=1)), cases, CASE_NO, PHONE)  # next /48


def test_a_full_table_of_blocked_addresses_does_not_let_a_new_address_guess_freely():
    reg, cases = registry(max_keys=20, **{"portal.track_case_max_misses": 100_000}), filings()
    for n in range(20):  # 20 IPv4 addresses miss 10 times each: the table is full
        for _ in range(LIMIT):
            tracking.look_up(request(reg, v4(n)), cases, CASE_NO, "0000")
    fresh, checked = request(reg, v4(1000)), 0
    for guess in range(10_000):
        try:
            hit = tracking.look_up(fresh, cases, CASE_NO, f"{guess:04d}")
        except tracking.TrackThrottled:
            break
        checked += 1
        assert hit is None
    assert checked == LIMIT
    assert len(reg.portal_track_throttle) <= 20


def test_a_blocked_number_answers_as_every_miss_and_reveals_nothing():
    reg, cases = registry(), filings()
    unknown = "640100-20260302-000999"  # never filed
    for number in (CASE_NO, unknown):
        for n in range(LIMIT):
            assert tracking.look_up(request(reg, v4(n)), cases, number, "1111") is None
    numbers = reg.portal_track_case_throttle
    assert numbers.blocked("case:" + CASE_NO) and numbers.blocked("case:" + unknown)
    # The right last four digits now miss, as they do for the number never filed.
    assert tracking.look_up(request(reg, v4(500)), cases, CASE_NO, "9876") is None
    reg.portal_clock.advance(hours=24)
    assert tracking.look_up(request(reg, v4(500)), cases, CASE_NO, "9876") is cases[CASE_NO]


def test_a_full_table_of_blocked_numbers_refuses_the_shortcut_of_new_ones():
    reg, cases = registry(max_keys=5), filings()
    for k in range(5):
        for n in range(LIMIT):
            tracking.look_up(request(reg, v4(n)), cases, f"640100-20260302-00010{k}", "1111")
    assert tracking.look_up(request(reg, v4(600)), cases, CASE_NO, "9876") is None
    assert tracking.look_up(request(reg, v4(600)), cases, CASE_NO, PHONE) is cases[CASE_NO]


def test_a_hit_gives_its_tries_back():
    reg, cases = registry(), filings()
    for _ in range(3 * LIMIT):
        assert tracking.look_up(request(reg, v6(1)), cases, CASE_NO, "9876") is cases[CASE_NO]
    assert len(reg.portal_track_throttle) == len(reg.portal_track_case_throttle) == 0
