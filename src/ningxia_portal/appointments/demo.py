"""Demo appointments of the demo ``enterprise`` (development.ini only): some awaiting a
reply, some answered, one cancelled, over the demo centers 640000 and 640100 where the demo
``reviewer`` works. Does nothing when the enterprise or the departments are missing."""

from datetime import timedelta

from ningxia_portal.appointments.slots import bookable_days, schedule_of
from ningxia_portal.appointments.workflow import appointment_workflow
from ningxia_portal.core.clock import get_clock
from ningxia_portal.workdays.calendar import calendar_of
from ningxia_portal.workflow import system_permits

# (center, department, which bookable day, which slot, content, moves after booking)
DEMO_APPOINTMENTS = (
    ("640100", "scjg", 0, 0, "咨询食品经营许可证新办所需材料，并现场提交纸质材料。", ()),
    (
        "640100",
        "scjg",
        1,
        1,
        "办理食品经营许可变更，需要核对经营场所平面图。",
        (("approve", "已为您安排窗口，请携带营业执照原件按时到场。"),),
    ),
    (
        "640100",
        "sw",
        2,
        0,
        "办理税务登记信息变更。",
        (("decline", "该时段窗口已安排集中培训，请改约其他时段。"),),
    ),
    ("640000", "scjg", 3, 2, "药品经营许可证延续，需当面咨询。", ()),
    (
        "640100",
        "scjg",
        4,
        3,
        "特种设备使用登记。",
        (("cancel", "企业已改为网上申报。"),),
    ),
)


def load_demo_appointments(root, registry):
    """Book the demo enterprise's appointments once; returns how many were added."""
    user = root["principals"].get("enterprise")
    reviewer = root["principals"].get("reviewer")
    container = root.get("appointments")
    if user is None or container is None or len(container):
        return 0
    from ningxia_portal.appointments.resources import Appointment

    clock = get_clock(registry)
    now = clock.now()
    days = bookable_days(clock.today(), registry.settings, calendar_of(root))
    staff = (reviewer.username, reviewer.title) if reviewer else ("reviewer", "窗口人员")
    added = 0
    for code, dept, day_no, slot_no, content, moves in DEMO_APPOINTMENTS:
        center = root["centers"].get(code)
        department = center.get(dept) if center is not None else None
        item = next(iter(department.values()), None) if department is not None else None
        if item is None or day_no >= len(days):
            continue
        plan = schedule_of(root, registry.settings, department.department_key)
        day, slot = days[day_no], plan.slots[slot_no % len(plan.slots)]
        when = now - timedelta(hours=len(DEMO_APPOINTMENTS) - added)
        a = Appointment(user, center, department, item, day, slot, when)
        a.contact = user.contact or user.title
        a.phone = user.phone or "13895012345"
        a.email = user.email or ""
        a.content = content
        name = container.new_id(day)
        container.bookings(department.department_key, day, slot, create=True).take(name)
        container.add(name, a)
        for step, comment in moves:
            actor = (user.username, user.title) if step == "cancel" else staff
            appointment_workflow.transition(
                a,
                step,
                permits=system_permits,
                actor=actor[0],
                actor_title=actor[1],
                now=when + timedelta(minutes=30),
                comment=comment,
            )
        from ningxia_portal.indexing.catalog import reindex

        reindex(a)
        added += 1
    return added
