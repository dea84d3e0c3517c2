"""Working days under the 2026 holiday calendar: weekends, holidays and make-up days (调休)."""

import json
from datetime import date
from pathlib import Path

import pytest
from pyramid.exceptions import ConfigurationError

from ningxia_portal import main
from ningxia_portal.filings.working_days import (
    HolidayCalendar,
    add_working_days,
    default_holiday_dir,
    get_calendar,
    working_days_between,
)
from tests.conftest import base_settings


@pytest.fixture(scope="module")
def cal():
    return HolidayCalendar.from_directory(default_holiday_dir())


def test_the_package_ships_the_2026_calendar(cal):
    assert 2026 in cal.years
    assert date(2026, 10, 1) in cal.days_off
    assert date(2026, 2, 28) in cal.make_up_workdays


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


def test_holiday_dir_setting_loads_more_years(tmp_path):
    shipped = Path(default_holiday_dir()) / "2026.json"
    (tmp_path / "2026.json").write_text(shipped.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "2027.json").write_text(
        json.dumps(
            {
                "year": 2027,
                "days_off": [{"date": "2027-01-01", "name": "元旦"}],
                "make_up_workdays": ["2027-01-02"],
            }
        ),
        encoding="utf-8",
    )
    app = main({}, **base_settings(**{"portal.holiday_dir": str(tmp_path)}))
    cal = get_calendar(app.registry)
    assert cal.years == {2026, 2027}
    # Thursday 31 Dec 2026 + 1: 1 Jan 2027 is off, Saturday 2 Jan is a make-up day.
    assert add_working_days(date(2026, 12, 31), 1, cal) == date(2027, 1, 2)


def test_a_missing_holiday_dir_stops_start_up(tmp_path):
    with pytest.raises(ConfigurationError, match="holiday_dir"):
        main({}, **base_settings(**{"portal.holiday_dir": str(tmp_path / "nope")}))


def test_working_days_between_counts_like_walking_day_by_day():
    from datetime import timedelta

    calendar = HolidayCalendar.from_directory(default_holiday_dir())

    def walked(a, b):
        count, day = 0, a
        while day < b:
            day += timedelta(days=1)
            count += calendar.is_working_day(day)
        return count

    start = date(2025, 12, 1)
    for offset in range(0, 420, 3):
        a = start + timedelta(days=offset)
        for length in (0, 1, 2, 5, 6, 9, 30, 200):
            b = a + timedelta(days=length)
            assert working_days_between(a, b, calendar) == walked(a, b)
            assert working_days_between(b, a, calendar) == -walked(a, b)
