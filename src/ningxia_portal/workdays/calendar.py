"""Working days: Monday to Friday, less each year's days off, plus its make-up working days
(holidays.py), then the admins' overrides (resources.py). Time limits count them.

A ``WorkCalendar`` is immutable and built once per version of the overrides: every process
reads the overrides' version from the database (one small object, cached by the connection
until another process changes it), so an override takes effect at once everywhere, and a
request that reads a deadline costs a dictionary lookup, never a lunar computation.
"""

from bisect import bisect_right
from datetime import timedelta

from ningxia_portal.web.pagecache import LRUCache
from ningxia_portal.workdays.holidays import year_plan

SECTION = "calendar"  # /manage/calendar
_CALENDARS = LRUCache(8)  # per (database, version of the overrides)


class _Year:
    """The days of one year that differ from "Monday to Friday": ``exceptions`` maps each to
    whether it is worked; sorted with running sums of their effect, for counting."""

    __slots__ = ("exceptions", "days", "sums", "provisional")

    def __init__(self, plan, overrides):
        exceptions = {d: False for d in plan.days_off if d.weekday() < 5}
        exceptions.update((d, True) for d in plan.make_up if d.weekday() >= 5)
        for day, working in overrides.items():
            if working == (day.weekday() < 5):
                exceptions.pop(day, None)  # the override restores the usual week
            else:
                exceptions[day] = working
        self.exceptions = exceptions
        self.days = sorted(exceptions)
        self.sums = [0]
        for day in self.days:
            self.sums.append(self.sums[-1] + (1 if exceptions[day] else -1))
        self.provisional = plan.provisional

    def effect(self, a, b):
        """What the exceptions in (a, b] add to the count of weekdays."""
        return self.sums[bisect_right(self.days, b)] - self.sums[bisect_right(self.days, a)]


class WorkCalendar:
    """Which days are worked. ``overrides`` maps a date to True (a working day) or False
    (a day off); ``key`` says which version of the stored overrides it was built from."""

    def __init__(self, overrides=None, key=None):
        self.overrides = dict(overrides or {})
        self.key = key
        self._years = {}

    def year(self, year):
        found = self._years.get(year)
        if found is None:
            mine = {d: w for d, w in self.overrides.items() if d.year == year}
            found = self._years[year] = _Year(year_plan(year), mine)
        return found

    def is_working_day(self, day):
        worked = self.year(day.year).exceptions.get(day)
        return day.weekday() < 5 if worked is None else worked

    def is_provisional(self, year):
        """Is ``year``'s arrangement computed rather than published?"""
        return self.year(year).provisional

    def provisional_between(self, start, end):
        """Does a day counted after ``start`` up to ``end`` lie in a provisional year?"""
        if end <= start:
            return False
        first = (start + timedelta(days=1)).year
        return any(self.is_provisional(y) for y in range(first, end.year + 1))


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

    Counted, not walked (lists show it on every row): the weekdays in between, corrected
    by each year's days off and make-up days in the range.
    """
    if b < a:
        return -working_days_between(b, a, calendar)
    count = _weekdays_through(b) - _weekdays_through(a)
    for year in range(a.year, b.year + 1):
        count += calendar.year(year).effect(a, b)
    return count


def remaining_working_days(today, deadline, calendar):
    """Working days left until ``deadline``: 0 on the day itself; after it, negative — the
    working days since, and at least one (the Saturday after a Friday deadline is late)."""
    if today > deadline:
        return -max(1, working_days_between(deadline, today, calendar))
    return working_days_between(today, deadline, calendar)


PLAIN = WorkCalendar(key=("plain",))  # no override stored


def calendar_of(root):
    """The calendar with the overrides stored in ``root``'s /manage/calendar: built once per
    version of them, or for this request alone while it has changed them."""
    manage = root.get("manage") if root is not None else None
    section = manage.get(SECTION) if manage is not None else None
    if section is None:
        return PLAIN
    key = section.cache_key()
    return _CALENDARS.get_or_compute(
        key, lambda: WorkCalendar(section.working_overrides(), key=key)
    )


def request_calendar(request):
    """``request.work_calendar``: the calendar of the request's root, looked up once per
    request (a list page counts the working days left on every row)."""
    return calendar_of(request.root)
