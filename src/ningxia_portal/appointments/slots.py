"""Time slots of departments: which slots a department offers, how many places each has,
which days may be booked, and when a slot begins (China's time).

Every department offers the slots and capacity of the settings (``portal.appointment_slots``,
``portal.appointment_capacity``) unless an admin gave it its own at /manage/appointments/
(``AppointmentSlotsSection.schedules``). A day may be booked from tomorrow through
``portal.appointment_days`` days ahead, and only a working day of the holiday calendar.
"""

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from ningxia_portal.core.clock import CST

SLOT = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$")
SECTION = "appointments"  # /manage/appointments/


@dataclass(frozen=True)
class Schedule:
    """The slots ("HH:MM-HH:MM", in order) a department offers and the places of each."""

    slots: tuple
    capacity: int
    own: bool = False  # set for this department at /manage/appointments/

    def offers(self, slot):
        return slot in self.slots


def parse_slot(label):
    """(start, end) times of a slot label, or None if it is not one ("09:00-10:00")."""
    m = SLOT.match(label or "")
    if m is None:
        return None
    start, end = time(int(m[1]), int(m[2])), time(int(m[3]), int(m[4]))
    return (start, end) if start < end else None


def parse_slots(text):
    """A tuple of slot labels from text (spaces, commas or lines between them), in order;
    raises ValueError naming the first that is not a slot, or if slots overlap."""
    labels = [p for p in re.split(r"[\s,，;；]+", text or "") if p]
    parsed = []
    for label in labels:
        times = parse_slot(label)
        if times is None:
            raise ValueError(label)
        parsed.append((times, label))
    parsed.sort()
    for (a, _la), (b, lb) in zip(parsed, parsed[1:], strict=False):
        if b[0] < a[1]:
            raise ValueError(lb)
    return tuple(label for _t, label in parsed)


def default_schedule(settings):
    return Schedule(
        tuple(settings["portal.appointment_slots"]), settings["portal.appointment_capacity"]
    )


def section_of(root):
    manage = root.get("manage") if root is not None else None
    return manage.get(SECTION) if manage is not None else None


def schedule_of(root, settings, department_key):
    """The schedule of ``department_key`` ("<center>/<dept>"): its own, or the settings'."""
    section = section_of(root)
    own = section.schedules.get(department_key) if section is not None else None
    if own is None:
        return default_schedule(settings)
    return Schedule(tuple(own["slots"]), int(own["capacity"]), own=True)


def slot_start(day, slot):
    """The aware moment a slot of ``day`` begins (its label's start, China's time)."""
    times = parse_slot(slot)
    start = times[0] if times is not None else time(0, 0)
    return datetime.combine(day, start, tzinfo=CST)


def slot_end(day, slot):
    """The aware moment a slot of ``day`` ends."""
    times = parse_slot(slot)
    end = times[1] if times is not None else time(23, 59)
    return datetime.combine(day, end, tzinfo=CST)


def first_day(today):
    """The first day that may be booked: tomorrow (staff answer before the day comes)."""
    return today + timedelta(days=1)


def last_day(today, settings):
    return today + timedelta(days=settings["portal.appointment_days"])


def bookable_days(today, settings, calendar):
    """Working days from tomorrow through the window's end, in order."""
    day, last = first_day(today), last_day(today, settings)
    found = []
    while day <= last:
        if calendar.is_working_day(day):
            found.append(day)
        day += timedelta(days=1)
    return found


def next_working_day(today, calendar, include_today=True):
    day = today if include_today else today + timedelta(days=1)
    for _ in range(60):
        if calendar.is_working_day(day):
            return day
        day += timedelta(days=1)
    return today
