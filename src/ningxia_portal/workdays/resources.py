"""``/manage/calendar/``: the admins' overrides of single days, stored in the database.

An override declares a date a day off (``HOLIDAY``) or a working day (``WORKDAY``, e.g. a
make-up Saturday the State Council announced before chinese-calendar knew it), with a note.
The section keeps them in an OOBTree by date and counts its changes in ``version``, which
every change writes with the section: the calendars built from the overrides are cached per
(``token``, ``version``), so every process sees a change at its next request.
"""

import random
from datetime import date

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from pyramid.authorization import ALL_PERMISSIONS, DENY_ALL, Allow

from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import ADMIN

HOLIDAY = "holiday"
WORKDAY = "workday"
KIND_TITLES = {
    HOLIDAY: _("Day off"),
    WORKDAY: _("Working day"),
}


class CalendarSection(Persistent):
    """The holiday calendar of the back office (admins only)."""

    __name__ = None
    __parent__ = None
    title = _("Holiday calendar")
    __acl__ = [(Allow, ADMIN, ALL_PERMISSIONS), DENY_ALL]
    version = 0

    def __init__(self):
        self.token = random.getrandbits(63)  # tells one database's versions from another's
        self.overrides = OOBTree()  # date -> {"kind", "note", "actor", "time"}

    # -- traversal: /manage/calendar/<yyyy-mm-dd>/ -------------------------------------
    def __getitem__(self, name):
        try:
            day = date.fromisoformat(name)
        except (TypeError, ValueError):
            raise KeyError(name) from None
        if name != day.isoformat():
            raise KeyError(name)
        # Every well-formed date traverses, with or without an override: its views answer
        # 404 for a missing one only after the permission check, so that a visitor who may
        # not enter learns nothing of which dates have one.
        return Override(day, self.overrides.get(day), self)

    # -- changes ---------------------------------------------------------------------
    def put(self, day, kind, note, actor, when):
        """Add or replace the override of ``day``."""
        if kind not in KIND_TITLES:
            raise ValueError(f"unknown kind of override: {kind!r}")
        self.overrides[day] = {"kind": kind, "note": note, "actor": actor, "time": when}
        self.version += 1

    def remove(self, day):
        del self.overrides[day]
        self.version += 1

    # -- what the calendar reads -----------------------------------------------------
    def working_overrides(self):
        """{date: worked?} of every override."""
        return {day: record["kind"] == WORKDAY for day, record in self.overrides.items()}

    def listing(self):
        """[Override] in date order."""
        return [Override(day, record, self) for day, record in self.overrides.items()]

    def cache_key(self):
        """What a calendar built from these overrides is kept under; None while this
        transaction has changed them (it may still roll back) or they aren't stored yet."""
        if self._p_jar is None or self._p_changed:
            return None
        return (self.token, self.version)


class Override:
    """One override as the admin sees it at ``/manage/calendar/<yyyy-mm-dd>/``."""

    def __init__(self, day, record, parent):
        self.day = day
        self.record = record
        self.__name__ = day.isoformat()
        self.__parent__ = parent

    @property
    def exists(self):
        return self.record is not None

    @property
    def title(self):
        return self.__name__

    @property
    def kind(self):
        return self.record["kind"]

    @property
    def note(self):
        return self.record["note"]

    @property
    def actor(self):
        return self.record["actor"]

    @property
    def time(self):
        return self.record["time"]
