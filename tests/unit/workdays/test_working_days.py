"""Working days under the State Council's arrangements: weekends, holidays, make-up days."""

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from ningxia_portal.workdays.calendar import (
    PLAIN,
    WorkCalendar,
    add_working_days,
    remaining_working_days,
    working_days_between,
)
from ningxia_portal.workdays.holidays import year_plan

# The State Council's notice on the holidays of 2026 (4 November 2025), as published.
NOTICE_2026 = json.loads(
    (Path(__file__).parent / "state_council_2026.json").read_text(encoding="utf-8")
)


@pytest.fixture(scope="module")
def cal():
    return PLAIN


def test_2026_is_official_and_matches_the_state_council_notice():
    plan = year_plan(2026)
    assert not plan.provisional
    assert set(plan.days_off) == {date.fromisoformat(d["date"]) for d in NOTICE_2026["days_off"]}
    assert plan.make_up == {date.fromisoformat(d) for d in NOTICE_2026["make_up_workdays"]}


def test_zero_days_is_the_same_day(cal):
    assert add_working_days(date(2026, 3, 6), 0, cal) == date(2026, 3, 6)


def test_a_friday_plus_one_is_the_next_monday(cal):
    assert add_working_days(date(2026, 3, 6), 1, cal) == date(2026, 3, 9)


def test_a_make_up_saturday_counts_as_a_working_day(cal):
    # Friday 2026-02-13 + 1: Saturday the 14th is a make-up working day before the Spring Festival.
    assert add_working_days(date(2026, 2, 13), 1, cal) == date(2026, 2, 14)
    assert cal.is_working_day(date(2026, 2, 28))  # Saturday after the festival, too


def test_spanning_the_spring_festival(cal):
    # From Saturday 14 Feb (working): 15–23 Feb are off, so +1 is Tuesday 24 Feb.
    assert add_working_days(date(2026, 2, 14), 1, cal) == date(2026, 2, 24)
    # 5 working days from Thursday 12 Feb: 13, 14 (make-up Sat), 24, 25, 26.
    assert add_working_days(date(2026, 2, 12), 5, cal) == date(2026, 2, 26)


def test_national_day_week_and_its_make_up_saturday(cal):
    # 30 Sep (Wed) + 1 → 1–7 Oct off, Thursday 8 Oct.
    assert add_working_days(date(2026, 9, 30), 1, cal) == date(2026, 10, 8)
    # 8 Oct + 2: 9 Oct (Fri), 10 Oct (make-up Saturday).
    assert add_working_days(date(2026, 10, 8), 2, cal) == date(2026, 10, 10)


def test_working_days_between_counts_both_ways(cal):
    assert working_days_between(date(2026, 3, 2), date(2026, 3, 9), cal) == 5
    assert working_days_between(date(2026, 3, 9), date(2026, 3, 2), cal) == -5
    assert working_days_between(date(2026, 3, 2), date(2026, 3, 2), cal) == 0
    assert working_days_between(date(2026, 2, 13), date(2026, 2, 24), cal) == 2


def test_negative_days_are_refused(cal):
    with pytest.raises(ValueError):
        add_working_days(date(2026, 3, 2), -1, cal)


def test_a_promised_date_crossing_new_year_2027_skips_its_holiday(cal):
    # Thursday 31 Dec 2026 + 1: Friday 1 Jan 2027 is 元旦, the weekend is off (provisional).
    assert add_working_days(date(2026, 12, 31), 1, cal) == date(2027, 1, 4)
    assert cal.provisional_between(date(2026, 12, 31), date(2027, 1, 4))
    assert not cal.provisional_between(date(2026, 12, 1), date(2026, 12, 31))
    assert not cal.provisional_between(date(2026, 12, 31), date(2026, 12, 31))


def test_the_2027_spring_festival_is_off_provisionally(cal):
    # 除夕 is Friday 2027-02-05; 正月初一 to 初三 are 6–8 Feb; Tuesday the 9th is worked.
    assert add_working_days(date(2027, 2, 4), 1, cal) == date(2027, 2, 9)


def test_remaining_days_are_due_today_on_the_day_and_overdue_after_it(cal):
    friday = date(2026, 3, 13)
    assert remaining_working_days(date(2026, 3, 12), friday, cal) == 1
    assert remaining_working_days(friday, friday, cal) == 0
    assert remaining_working_days(date(2026, 3, 14), friday, cal) == -1  # Saturday: late
    assert remaining_working_days(date(2026, 3, 15), friday, cal) == -1  # Sunday
    assert remaining_working_days(date(2026, 3, 16), friday, cal) == -1  # Monday
    assert remaining_working_days(date(2026, 3, 17), friday, cal) == -2
    # Before a Monday deadline, the weekend counts nothing: one working day left.
    assert remaining_working_days(date(2026, 3, 14), date(2026, 3, 16), cal) == 1


def test_overrides_change_the_days_they_name():
    overrides = {date(2027, 2, 20): True, date(2027, 2, 10): False}  # a Saturday, a Wednesday
    cal = WorkCalendar(overrides)
    assert cal.is_working_day(date(2027, 2, 20)) and not cal.is_working_day(date(2027, 2, 10))
    assert not PLAIN.is_working_day(date(2027, 2, 20)) and PLAIN.is_working_day(date(2027, 2, 10))
    # An override that restores the usual week undoes the arrangement's exception.
    restored = WorkCalendar({date(2026, 2, 14): False, date(2026, 2, 16): True})
    assert not restored.is_working_day(date(2026, 2, 14))  # was a make-up Saturday
    assert restored.is_working_day(date(2026, 2, 16))  # was 除夕


def test_working_days_between_counts_like_walking_day_by_day():
    cal = WorkCalendar({date(2026, 12, 26): True, date(2027, 1, 5): False})

    def walked(a, b):
        count, day = 0, a
        while day < b:
            day += timedelta(days=1)
            count += cal.is_working_day(day)
        return count

    start = date(2025, 12, 1)
    for offset in range(0, 800, 5):
        a = start + timedelta(days=offset)
        for length in (0, 1, 2, 5, 6, 9, 30, 200, 400):
            b = a + timedelta(days=length)
            assert working_days_between(a, b, cal) == walked(a, b)
            assert working_days_between(b, a, cal) == -walked(a, b)
