"""Helpers of the appointment tests: book through the real form, read what pages show.

The clock is frozen on Monday 2026-03-02 09:00 in Yinchuan: bookable days run from Tuesday
2026-03-03 through 2026-04-01, working days only.
"""

from ningxia_portal.core.clock import get_clock
from tests.conftest import RootAccess, committing

ITEM = "/centers/640100/scjg/xk-scjg-001/"  # 食品经营许可（新办）
DAY = "2026-03-10"  # a Tuesday, free of the demo's appointments
SLOT = "10:00-11:00"
VALUES = {
    "contact": "王经理",
    "phone": "13995000001",
    "email": "wang@example.cn",
    "center": "640100",
    "department": "scjg",
    "item": "xk-scjg-001",
    "day": DAY,
    "slot": SLOT,
    "content": "办理食品经营许可，现场提交材料。",
}


def booking_form(testapp, item=ITEM):
    """The booking form reached from the item's 在线预约 button."""
    page = testapp.get(item + "appointment").follow()
    return page.forms["appointment"]


def book(testapp, status=303, **values):
    """Book through the form; returns the answer (the appointment's page after a 303)."""
    form = testapp.get("/appointments/new").forms["appointment"]
    data = dict(form.submit_fields())
    data.update({**VALUES, **values})
    data["submit"] = "submit"
    return testapp.post("/appointments/new", data, status=status)


def appointment_id(res):
    return res.location.rstrip("/").rsplit("/", 1)[1]


def errors(res):
    """{field name: message} of the booking form as shown."""
    found = {}
    for item in res.html.select("form#appointment .form-group, form#appointment .mb-3"):
        el = item.select_one("[name]")
        msg = item.select_one(".invalid-feedback, .error")
        if el is not None and msg is not None and msg.get_text(strip=True):
            found[el["name"]] = msg.get_text(" ", strip=True)
    return found


def set_schedule(wsgi_app, department_key, slots, capacity):
    with committing(wsgi_app) as root:
        root["manage"]["appointments"].put(
            department_key, slots, capacity, "test", get_clock(wsgi_app.registry).now()
        )


def stored(wsgi_app, name):
    """(state, reply, places taken in its slot) of a stored appointment."""
    with RootAccess(wsgi_app) as root:
        container = root["appointments"]
        a = container[name]
        return a.state, a.reply, container.taken(a.department_key, a.day, a.slot)


def clock(wsgi_app):
    return get_clock(wsgi_app.registry)


def slot_began(wsgi_app, name, hours_ago=1, length_hours=1):
    """Move an appointment's slot so that it began ``hours_ago`` hours before the frozen
    clock (advancing the clock instead would end the test clients' sessions)."""
    from datetime import timedelta

    from ningxia_portal.indexing.catalog import reindex

    now = get_clock(wsgi_app.registry).now()
    with committing(wsgi_app) as root:
        a = root["appointments"][name]
        a.starts = now - timedelta(hours=hours_ago)
        a.ends = a.starts + timedelta(hours=length_hours)
        reindex(a)
