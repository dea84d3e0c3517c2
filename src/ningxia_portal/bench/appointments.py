"""The appointments domain: up to 200,000 bookings with their replies.

Each is the app's ``Appointment`` of a generated enterprise for an item of a department,
taking a place in the department's slot record (``Appointments.bookings``) as a booking
does, never beyond the capacity, and moved through the app's own workflow engine as staff
would have answered it: a slot that has passed was mostly approved and handled, some
declined or cancelled, a few left expired or unanswered; a slot to come is mostly awaiting
a reply. Bookings are made over the year before today, oldest first, each for a working
day 1–14 days later (at most ``portal.appointment_days`` ahead of today), so the queues of
the coming days hold what staff see. The first enterprise (the bench's 我的预约) and the
sample department (the bench's queue) get a heavy share, as filings do.
"""

import random
from datetime import timedelta

from pyramid.threadlocal import get_current_registry

from ningxia_portal.appointments.resources import Appointment
from ningxia_portal.appointments.slots import schedule_of
from ningxia_portal.appointments.workflow import appointment_workflow
from ningxia_portal.bench import accounts
from ningxia_portal.bench.filings import (
    HEAVY_SHARE,
    SAMPLE_DEPARTMENT,
    enterprises_of,
    submission_times,
)
from ningxia_portal.bench.indexing import DocidRange
from ningxia_portal.core.clock import CST, FrozenClock, get_clock
from ningxia_portal.workdays.calendar import calendar_of
from ningxia_portal.workflow import system_permits

# Persistent objects of one appointment: itself and its history list (slot records are
# counted when made).
APPOINTMENT_OBJECTS = 2
CONTENTS = (
    "现场提交{item}申请材料。",
    "咨询{item}办理流程及所需材料。",
    "领取{item}办理结果。",
    "核对{item}的纸质材料原件。",
)
PAST = (  # moves after booking, with weights, for a slot that has passed
    ((("approve", "请携带营业执照原件按时到场。"), ("finish", "")), 60),
    ((("approve", ""),), 8),
    ((("decline", "该时段窗口已满，请改约其他时段。"),), 10),
    ((("cancel", ""),), 10),
    ((), 12),
)
COMING = (  # for a slot to come
    ((), 55),
    ((("approve", "已安排窗口，请按时到场。"),), 30),
    ((("decline", "该事项无需预约，可直接网上申报。"),), 8),
    ((("cancel", ""),), 7),
)


def departments_of(root):
    return [d for c in root["centers"].values() for d in c.values() if len(d)]


def _moves(rng, table):
    return rng.choices([m for m, _ in table], weights=[w for _, w in table])[0]


def generate(root, count, writer, seed=23):
    """Add appointments until ``/appointments/`` holds ``count``; returns how many now."""
    container = root["appointments"]
    have = len(container)
    if have >= count:
        return 0
    registry = get_current_registry()
    clock = get_clock(registry)
    # The workflow's guards read the app's clock: each reply is taken as of its own moment.
    booker = Booker(root, registry, clock.now(), random.Random(f"{seed}-{have}"))
    registry.portal_clock = booker.moments
    try:
        written = 0
        for when in submission_times(booker.rng, booker.now, count - have):
            if booker.book(when):
                writer.added(APPOINTMENT_OBJECTS)
                written += 1
        return written
    finally:
        registry.portal_clock = clock


class Booker:
    """Books generated appointments into free places and answers them as staff would."""

    def __init__(self, root, registry, now, rng):
        self.root = root
        self.container = root["appointments"]
        self.users = enterprises_of(root)
        self.departments = departments_of(root)
        if not self.users or not self.departments:
            raise ValueError("appointments need enterprises and items: generate those first")
        self.settings = registry.settings
        self.calendar = calendar_of(root)
        self.now = now
        self.last = now.astimezone(CST).date() + timedelta(
            days=self.settings["portal.appointment_days"]
        )
        center, dept = SAMPLE_DEPARTMENT
        sample = root["centers"][center].get(dept) if center in root["centers"] else None
        self.heavy = [sample] if sample is not None and len(sample) else self.departments
        self.rng = rng
        self.docids = DocidRange(root.docmap, rng)
        self.moments = FrozenClock(now)
        self.plans, self.staff = {}, {}

    def department(self, key):
        if key not in self.plans:
            self.plans[key] = schedule_of(self.root, self.settings, key)
            name = accounts.first_reviewer(self.root, key)
            reviewer = self.root["principals"][name] if name else None
            self.staff[key] = (
                (reviewer.username, reviewer.title) if reviewer else ("system", "窗口人员")
            )
        return self.plans[key], self.staff[key]

    def book(self, when):
        rng = self.rng
        user = self.users[0] if rng.random() < HEAVY_SHARE else rng.choice(self.users)
        pool = self.heavy if rng.random() < HEAVY_SHARE else self.departments
        department = rng.choice(pool)
        key = department.department_key
        plan, staff = self.department(key)
        found = self.place(key, plan, when)
        if found is None:
            return None  # every slot tried was full: this enterprise did not book
        day, slot, held = found
        item = rng.choice(list(department.values()))
        a = Appointment(user, department.center, department, item, day, slot, when)
        a.contact = user.contact or user.title
        a.phone, a.email = user.phone, user.email
        a.content = rng.choice(CONTENTS).format(item=item.title)
        name = self.container.new_id(day)
        self.answer(a, user, staff, when)
        if a.holds_place:  # a decline or cancel gave the place back
            held.take(name)
        self.docids.place(a)
        self.container.add(name, a)
        return a

    def answer(self, a, user, staff, when):
        """The replies and cancels it had by now, each as of its own moment."""
        rng = self.rng
        moment = when
        for step, comment in _moves(rng, PAST if a.ends <= self.now else COMING):
            moment += timedelta(hours=rng.randrange(1, 20))
            if step == "finish":
                moment = max(moment, a.starts)
            if moment > self.now or (step in ("approve", "cancel") and moment >= a.starts):
                break
            actor = (user.username, user.title) if step == "cancel" else staff
            self.moments.set(moment)
            appointment_workflow.transition(
                a,
                step,
                permits=system_permits,
                actor=actor[0],
                actor_title=actor[1],
                now=moment,
                comment=comment,
            )

    def place(self, key, plan, when):
        """(day, slot, record) of a free place 1–14 days after ``when`` (a working day, not
        beyond the window), or None when the places tried were full."""
        rng, booked = self.rng, when.astimezone(CST).date()
        for _ in range(6):
            day = booked + timedelta(days=rng.randrange(1, 15))
            if day > self.last or not self.calendar.is_working_day(day):
                continue
            slot = rng.choice(plan.slots)
            held = self.container.bookings(key, day, slot, create=True)
            if len(held.ids) < plan.capacity:
                return day, slot, held
        return None
