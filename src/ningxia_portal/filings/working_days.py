"""Working days under the State Council's holiday calendar (法定节假日 and 调休).

Time limits count working days: Monday to Friday, except public holidays, plus the make-up
working days (调休) that fall on a weekend. The calendar is data — one JSON file per year in
a directory (``portal.holiday_dir``, the package's ``data/holidays`` by default) — so an
admin adds next year's file when the State Council publishes it, without a code change.
"""

import json
import logging
import os
from datetime import date, timedelta
from importlib import resources

log = logging.getLogger(__name__)


class HolidayCalendar:
    """Which dates are days off and which weekend dates are make-up working days."""

    def __init__(self, days_off=(), make_up_workdays=(), years=()):
        self.days_off = frozenset(days_off)
        self.make_up_workdays = frozenset(make_up_workdays)
        self.years = frozenset(years)

    @classmethod
    def from_directory(cls, directory):
        """Load every ``<year>.json`` of a directory (the format of holidays-2026.json)."""
        days_off, make_up, years = set(), set(), set()
        for name in sorted(os.listdir(directory)):
            if not name.endswith(".json"):
                continue
            with open(os.path.join(directory, name), encoding="utf-8") as f:
                data = json.load(f)
            years.add(int(data["year"]))
            days_off.update(date.fromisoformat(d["date"]) for d in data.get("days_off", ()))
            make_up.update(date.fromisoformat(d) for d in data.get("make_up_workdays", ()))
        return cls(days_off, make_up, years)

    def is_working_day(self, day):
        if day in self.make_up_workdays:
            return True
        if day in self.days_off:
            return False
        return day.weekday() < 5


def default_holiday_dir():
    return str(resources.files("ningxia_portal.filings").joinpath("data", "holidays"))


def add_working_days(start, n, calendar):
    """The date ``n`` working days after ``start`` (0 days = the same day).

    The count starts the day after ``start``, as an office counts a time limit from the
    day after it receives a case.
    """
    if n < 0:
        raise ValueError("n must not be negative")
    day = start
    while n:
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            n -= 1
    return day


def _weekdays_through(day):
    """Mondays to Fridays from 0001-01-01 (a Monday) up to and including ``day``."""
    n = day.toordinal()
    return n // 7 * 5 + min(n % 7, 5)


def working_days_between(a, b, calendar):
    """Working days after ``a`` up to and including ``b``; negative when ``b`` is before ``a``.

    Counted, not walked (lists show it for every row, and deadlines can be far off): the
    weekdays in between, less the weekday holidays, plus the weekend make-up days.
    """
    if b < a:
        return -working_days_between(b, a, calendar)
    count = _weekdays_through(b) - _weekdays_through(a)
    for day in calendar.days_off:
        if a < day <= b and day.weekday() < 5 and day not in calendar.make_up_workdays:
            count -= 1
    for day in calendar.make_up_workdays:
        if a < day <= b and day.weekday() >= 5:
            count += 1
    return count


def get_calendar(registry):
    """The calendar the settings chose, loaded once per application."""
    cal = getattr(registry, "portal_holiday_calendar", None)
    if cal is None:
        directory = registry.settings.get("portal.holiday_dir") or default_holiday_dir()
        cal = registry.portal_holiday_calendar = HolidayCalendar.from_directory(directory)
        log.info("holiday calendar years %s from %s", sorted(cal.years), directory)
    return cal
