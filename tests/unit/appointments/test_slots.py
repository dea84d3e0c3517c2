"""Slots: parsing an admin's text, their moments in China's time, the days that may be booked."""

from datetime import UTC, date, datetime

import pytest

from ningxia_portal.appointments import slots


def test_parse_slots_sorts_and_accepts_any_separator():
    assert slots.parse_slots("14:30-15:30，09:00-10:00\n10:00-11:00") == (
        "09:00-10:00",
        "10:00-11:00",
        "14:30-15:30",
    )


@pytest.mark.parametrize(
    "text", ["9:00-10:00", "10:00-09:00", "09:00-10:30 10:00-11:00", "25:00-26:00"]
)
def test_parse_slots_refuses_what_is_not_a_slot_or_overlaps(text):
    with pytest.raises(ValueError):
        slots.parse_slots(text)


def test_a_slot_begins_and_ends_in_china_time():
    assert slots.slot_start(date(2026, 3, 10), "09:00-10:00") == datetime(
        2026, 3, 10, 1, tzinfo=UTC
    )
    assert slots.slot_end(date(2026, 3, 10), "09:00-10:00") == datetime(2026, 3, 10, 2, tzinfo=UTC)


class Calendar:
    def __init__(self, days_off):
        self.days_off = set(days_off)

    def is_working_day(self, day):
        return day.weekday() < 5 and day not in self.days_off


def test_bookable_days_are_working_days_from_tomorrow_through_the_window():
    settings = {"portal.appointment_days": 7}
    days = slots.bookable_days(date(2026, 3, 2), settings, Calendar({date(2026, 3, 4)}))
    assert days == [date(2026, 3, 3), date(2026, 3, 5), date(2026, 3, 6), date(2026, 3, 9)]


def test_default_schedule_comes_from_the_settings():
    settings = {"portal.appointment_slots": ("09:00-10:00",), "portal.appointment_capacity": 3}
    plan = slots.default_schedule(settings)
    assert (plan.slots, plan.capacity, plan.own) == (("09:00-10:00",), 3, False)
    assert plan.offers("09:00-10:00") and not plan.offers("10:00-11:00")
