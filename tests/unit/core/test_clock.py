"""China's time: one definition, and the conversions every page and JSON answer uses."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pytest

from ningxia_portal.core.clock import CST, FrozenClock, local_date, local_iso, local_time

BEFORE_DAWN = datetime(2026, 3, 1, 20, 30, tzinfo=UTC)  # 04:30 on 2026-03-02 in Yinchuan


def test_a_utc_evening_is_the_next_morning_in_china():
    assert local_time(BEFORE_DAWN) == BEFORE_DAWN
    assert local_time(BEFORE_DAWN).strftime("%Y-%m-%d %H:%M") == "2026-03-02 04:30"
    assert local_date(BEFORE_DAWN) == date(2026, 3, 2)
    assert local_iso(BEFORE_DAWN) == "2026-03-02T04:30:00+08:00"


def test_dates_pass_through_and_none_stays_none():
    assert local_date(date(2026, 3, 9)) == date(2026, 3, 9)
    assert local_iso(date(2026, 3, 9)) == "2026-03-09"
    assert local_time(None) is None and local_date(None) is None and local_iso(None) is None
    with pytest.raises(TypeError):
        local_iso("2026-03-09")


def test_a_naive_time_is_taken_as_utc():
    assert local_iso(datetime(2026, 3, 1, 20, 30)) == "2026-03-02T04:30:00+08:00"


def test_the_frozen_clock_says_today_in_china():
    clock = FrozenClock(BEFORE_DAWN)
    assert clock.now().date() == date(2026, 3, 1)
    assert clock.today() == date(2026, 3, 2)
    clock.advance(hours=-5)  # 23:30 in Yinchuan
    assert clock.today() == date(2026, 3, 1)


def test_the_fixed_offset_is_shanghai_time_for_every_date_the_portal_handles():
    try:
        shanghai = ZoneInfo("Asia/Shanghai")
    except ZoneInfoNotFoundError:  # pragma: no cover - a machine without zone data
        pytest.skip("no time zone data on this machine")
    when = datetime(1992, 1, 1, tzinfo=UTC)
    while when.year < 2100:
        assert when.astimezone(shanghai).utcoffset() == CST.utcoffset(when)
        when += timedelta(days=61, hours=7)
