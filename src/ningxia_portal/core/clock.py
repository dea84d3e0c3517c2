"""The clock behind an interface: tests and the benchmark swap it by a setting, never a patch."""

from datetime import UTC, datetime, timedelta, timezone

from pyramid.path import DottedNameResolver

# The portal's local time: China Standard Time, no daylight saving.
CST = timezone(timedelta(hours=8), "CST")


class SystemClock:
    """Real time."""

    def now(self):
        """Aware UTC now."""
        return datetime.now(UTC)

    def local_now(self):
        return self.now().astimezone(CST)

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
