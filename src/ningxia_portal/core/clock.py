"""The clock behind an interface, and China's time for everything a person reads.

Stored times are aware UTC. Case numbers, notices, list rows, promised dates, JSON answers
and every day boundary ("today", "due today") are in China's time, Asia/Shanghai: ``CST``
below is its one definition, ``local_*`` the conversions every layer uses (the web layer
makes them Jinja filters). Tests and the benchmark swap the clock by a setting, never a patch.
"""

from datetime import UTC, date, datetime, timedelta, timezone

from pyramid.path import DottedNameResolver

# China's time (Asia/Shanghai): UTC+8 all year, with no daylight saving since 1991, so a
# fixed offset is exact for every date the portal handles. Not ``ZoneInfo``: ZODB cannot
# pickle a datetime that carries one, and a fixed offset needs no time zone data.
CST = timezone(timedelta(hours=8), "CST")


def local_time(value):
    """An aware datetime (a naive one is taken as UTC) in China's time; None stays None."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(CST)


def local_date(value):
    """The date in China of a datetime; a date (a promised date) is already one."""
    if value is None or not isinstance(value, datetime):
        return value
    return local_time(value).date()


def local_iso(value):
    """ISO 8601 for JSON and feeds: a datetime in China's time with its offset
    (``2026-03-02T04:30:00+08:00``), a date as ``2026-03-02``; None stays None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return local_time(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not a date or datetime: {value!r}")


class SystemClock:
    """Real time."""

    def now(self):
        """Aware UTC now."""
        return datetime.now(UTC)

    def local_now(self):
        return local_time(self.now())

    def today(self):
        """Today's date in China."""
        return self.local_now().date()


class FrozenClock(SystemClock):
    """A clock that moves only when told (tests set ``portal.clock`` to this class)."""

    def __init__(self, start=None):
        self._now = start or datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # Monday 09:00 in Yinchuan

    def now(self):
        return self._now

    def advance(self, **delta):
        self._now += timedelta(**delta)

    def set(self, when):
        self._now = when


def clock_factory(dotted):
    return DottedNameResolver().maybe_resolve(dotted)


def get_clock(registry):
    """The clock the settings chose, made once per application."""
    clock = getattr(registry, "portal_clock", None)
    if clock is None:
        clock = registry.portal_clock = clock_factory(registry.settings["portal.clock"])()
    return clock
