"""The law's holidays from the lunar calendar, for years chinese-calendar does not know yet,
checked against the years it does know."""

from datetime import date

import pytest
from lunar_python import Lunar

from ningxia_portal.workdays import holidays
from ningxia_portal.workdays.calendar import PLAIN
from ningxia_portal.workdays.holidays import (
    DRAGON_BOAT,
    LABOUR_DAY,
    MID_AUTUMN,
    NATIONAL_DAY,
    NEW_YEAR,
    QINGMING,
    SPRING_FESTIVAL,
    official_plan,
    provisional_plan,
    statutory_days,
    year_plan,
)


def test_2026_computed_gives_the_statutory_days_of_the_official_2026():
    computed = provisional_plan(2026)
    assert computed.provisional and computed.make_up == frozenset()
    official = official_plan(2026)
    assert set(computed.days_off) <= set(official.days_off)
    assert sorted(computed.days_off) == [
        date(2026, 1, 1),
        date(2026, 2, 16),  # 除夕 is 腊月廿九: this 腊月 has 29 days
        date(2026, 2, 17),
        date(2026, 2, 18),
        date(2026, 2, 19),
        date(2026, 4, 5),
        date(2026, 5, 1),
        date(2026, 5, 2),
        date(2026, 6, 19),
        date(2026, 9, 25),
        date(2026, 10, 1),
        date(2026, 10, 2),
        date(2026, 10, 3),
    ]
    for day, name in computed.days_off.items():
        assert official.days_off[day] == name


@pytest.mark.parametrize("year", [2025, 2026])
def test_under_the_2024_revision_every_statutory_day_is_off(year):
    official = official_plan(year)
    assert set(statutory_days(year)) <= set(official.days_off)


@pytest.mark.parametrize("year", range(2008, 2027))
def test_the_lunar_dates_agree_with_every_published_year(year):
    """Since 2008 the law had 清明, 端午 and 中秋; 春节 always included 初一: the days every
    revision shares are days off in each published arrangement (chinese-calendar leaves
    some weekend days out of its lists, so ask whether the day is worked)."""
    days = statutory_days(year)
    shared = [
        d
        for d, name in days.items()
        if name in (NEW_YEAR, QINGMING, DRAGON_BOAT, MID_AUTUMN, NATIONAL_DAY)
        or (name == SPRING_FESTIVAL and d == _solar(Lunar.fromYmd(year, 1, 1)))
        or (name == LABOUR_DAY and d.day == 1)
    ]
    assert [d for d in shared if PLAIN.is_working_day(d)] == []


def test_2027_is_provisional_from_the_lunar_calendar():
    assert official_plan(2027) is None
    plan = year_plan(2027)
    assert plan.provisional and plan.make_up == frozenset()
    spring = [d for d, name in plan.days_off.items() if name == SPRING_FESTIVAL]
    assert sorted(spring) == [date(2027, 2, d) for d in (5, 6, 7, 8)]  # from 除夕
    assert _solar(Lunar.fromYmd(2027, 1, 1)) == date(2027, 2, 6)  # 春节 (正月初一)
    assert _solar(Lunar.fromYmd(2026, 12, 29)) == date(2027, 2, 5)  # 除夕 (腊月廿九)
    assert plan.days_off[date(2027, 1, 1)] == NEW_YEAR
    assert plan.days_off[date(2027, 4, 5)] == QINGMING
    assert plan.days_off[date(2027, 6, 9)] == DRAGON_BOAT
    assert plan.days_off[date(2027, 9, 15)] == MID_AUTUMN
    assert [run[0] for run in plan.holidays()] == [
        NEW_YEAR,
        SPRING_FESTIVAL,
        QINGMING,
        LABOUR_DAY,
        DRAGON_BOAT,
        MID_AUTUMN,
        NATIONAL_DAY,
    ]


def _solar(lunar):
    s = lunar.getSolar()
    return date(s.getYear(), s.getMonth(), s.getDay())


def test_qingming_is_the_solar_term():
    assert holidays.qingming(2025) == date(2025, 4, 4)
    assert holidays.qingming(2026) == date(2026, 4, 5)
    assert holidays.qingming(2028) == date(2028, 4, 4)


def test_a_year_outside_the_lunar_range_has_weekends_only():
    plan = year_plan(2150)
    assert plan.provisional and plan.days_off == {} and plan.make_up == frozenset()


def test_each_year_is_computed_once():
    assert year_plan(2031) is year_plan(2031)
