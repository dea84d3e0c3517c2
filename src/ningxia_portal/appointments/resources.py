"""Appointments (预约): ``/appointments/<id>``, the places taken in each slot, the slots'
section of the back office.

An appointment keeps what the enterprise booked as plain data: the center's, department's
and item's keys *and* titles as they were (a later edit of the catalogue never rewrites
it), the day and slot, the contact and the content. Its ACL is computed by the appointment
workflow from its state (appointments/workflow.py); the catalog's ``appointment_lists``
mirror it, so every list is filtered by the viewer.

**No overbooking.** Each (department, day, slot) has a ``SlotBookings`` record holding the
ids of the appointments that hold a place in it, in ``Appointments.slots``. A booking reads
it, checks it against the capacity and writes it, in the booking's transaction; the record
has no conflict resolution, so two transactions taking a place in the same slot conflict
and pyramid_retry replays the later one, which then sees the slot as it is (full: the form
comes back saying so). Bookings of different slots write different records and insert
different keys into the BTree, whose buckets merge such inserts: they don't conflict. A
cancel or decline gives the place back by removing the id.
"""

import secrets

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from pyramid.authorization import ALL_PERMISSIONS, DENY_ALL, Allow, Authenticated

from ningxia_portal.appointments import workflow
from ningxia_portal.appointments.slots import slot_end, slot_start
from ningxia_portal.appointments.workflow import appointment_workflow
from ningxia_portal.core.folder import Folder
from ningxia_portal.core.trees import SmallNodeOOBTree
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import ADMIN, ENTERPRISE, Permissions

P = Permissions

MINE_LIST = "mine:"  # the enterprise's own, newest first
UPCOMING_LIST = "upcoming:"  # the enterprise's approved ones, by the slot's start
QUEUE_LIST = "queue:"  # a department's or center's, by day, awaiting a reply first


class Appointments(Folder):
    """``/appointments/``: every appointment, and the places taken in every slot."""

    title = _("Appointments")
    __acl__ = [
        (Allow, ADMIN, ALL_PERMISSIONS),
        (Allow, ENTERPRISE, P.FILE),  # /appointments/new (only enterprises book)
        (Allow, Authenticated, P.VIEW),  # the listing itself; each appointment says who sees it
        DENY_ALL,
    ]

    def __init__(self):
        super().__init__()
        self.data = SmallNodeOOBTree()
        self.slots = OOBTree()  # (department key, day iso, slot) -> SlotBookings

    def new_id(self, day):
        """``<yyyymmdd of the booked day>-<10 random hex digits>``: readable, and never the
        same for two concurrent bookings (no shared counter to write)."""
        while True:
            name = f"{day:%Y%m%d}-{secrets.token_hex(5)}"
            if name not in self.data:
                return name

    def bookings(self, department_key, day, slot, create=False):
        key = (department_key, day.isoformat(), slot)
        record = self.slots.get(key)
        if record is None and create:
            record = self.slots[key] = SlotBookings()
        return record

    def taken(self, department_key, day, slot):
        record = self.bookings(department_key, day, slot)
        return len(record.ids) if record is not None else 0


class SlotBookings(Persistent):
    """The appointments holding a place in one slot of one day. Deliberately without
    conflict resolution: concurrent bookings of the same slot conflict (see above)."""

    def __init__(self):
        self.ids = ()

    def take(self, name):
        self.ids = (*self.ids, name)

    def give_back(self, name):
        """Free the place ``name`` held (a decline, a cancel)."""
        if name in self.ids:
            self.ids = tuple(i for i in self.ids if i != name)


class Appointment(Persistent):
    """One booking: who, for which department, item, day and slot, where it stands."""

    __name__ = None
    __parent__ = None
    # The staff's reply (预约回复): the comment of their last move, kept by the workflow
    # (lists show it without loading the history).
    reply = ""
    catalog_indexes = ("content_type", "state", "appointment_lists", "appointment_text")

    def __init__(self, owner, center, department, item, day, slot, created):
        self.owner = owner.username
        self.owner_title = getattr(owner, "title", "") or owner.username
        self.center_code = center.code
        self.center_title = center.title
        self.department_key = department.department_key
        self.department_title = department.title
        self.item_key = item.item_key
        self.item_title = item.title
        self.day = day
        self.slot = slot
        self.starts = slot_start(day, slot)
        self.ends = slot_end(day, slot)
        self.contact = ""  # 预约人
        self.phone = ""
        self.email = ""
        self.content = ""
        self.created = created
        self.modified = created
        self.revision = 0
        appointment_workflow.initialize(self)

    __acl__ = property(appointment_workflow.acl)

    @property
    def title(self):
        return f"{self.department_title} {self.day.isoformat()} {self.slot}"

    @property
    def reviewer_scopes(self):
        """Where a reviewer grant lets staff answer it: its department and center."""
        return (self.department_key, self.center_code)

    @property
    def holds_place(self):
        return self.state in workflow.HOLDING

    @property
    def awaiting(self):
        return self.state == workflow.BOOKED

    @property
    def replied(self):
        return self.state in workflow.REPLIED

    def has_begun(self, now):
        return now >= self.starts

    @property
    def search_fields(self):
        """What the keyword matches: 预约人, 预约内容, 预约中心, 预约部门, 预约办件."""
        return (
            self.contact,
            self.content,
            self.center_title,
            self.department_title,
            self.item_title,
        )

    def catalog_lists(self):
        """The lists of the ``appointment_lists`` index it is on (indexing/lists.py).

        ``mine:<owner>`` newest first (facet ``replied``: the home page's counts);
        ``upcoming:<owner>`` while approved, by the slot's start (the home page's reminder);
        ``queue:<department>`` and ``queue:<center>``, mirroring the reviewers of its ACL,
        by day, awaiting a reply first, then by the slot's start.
        """
        created = self.created.timestamp()
        starts = self.starts.timestamp()
        awaiting = self.awaiting
        lists = {
            MINE_LIST + self.owner: ((-created,), {"replied": "1" if self.replied else "0"}),
        }
        if self.state == workflow.APPROVED:
            lists[UPCOMING_LIST + self.owner] = ((starts,), {})
        key = (self.day.toordinal(), 0 if awaiting else 1, starts)
        facets = {"pending": "1" if awaiting else "0", "day": self.day.isoformat()}
        for scope in self.reviewer_scopes:
            lists[QUEUE_LIST + scope] = (key, facets)
        return lists


class AppointmentSlotsSection(Persistent):
    """``/manage/appointments/``: departments' own slots and capacity (admins)."""

    __name__ = None
    __parent__ = None
    title = _("Appointment slots")
    __acl__ = [(Allow, ADMIN, ALL_PERMISSIONS), DENY_ALL]

    def __init__(self):
        self.schedules = OOBTree()  # department key -> {"slots", "capacity", "actor", "time"}

    def put(self, department_key, slots, capacity, actor, when):
        self.schedules[department_key] = {
            "slots": tuple(slots),
            "capacity": int(capacity),
            "actor": actor,
            "time": when,
        }

    def remove(self, department_key):
        self.schedules.pop(department_key, None)
