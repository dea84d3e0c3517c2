"""What happens to appointments, whichever page asks: book, and the choices of the form.

Views validate; these functions read the tree (``root["centers"]``: a center's departments,
a department's items — never a listing of all items) and change the database.
"""

from ningxia_portal.appointments import slots
from ningxia_portal.appointments.resources import Appointment
from ningxia_portal.core.clock import get_clock
from ningxia_portal.core.root import root_factory
from ningxia_portal.indexing.queue import defer as defer_index


class SlotFull(Exception):
    """Every place of the slot is taken (perhaps by a booking committed meanwhile)."""


def get_appointments(request):
    return root_factory(request)["appointments"]


def centers(root):
    return root["centers"]


def center_of(root, code):
    return centers(root).get(code) if code else None


def department_of(center, name):
    return center.get(name) if center is not None and name else None


def item_of(department, name):
    return department.get(name) if department is not None and name else None


def resolve_item_path(root, path):
    """(center code, department name, item name) of ``<center>/<dept>/<item>``, if it is
    an item of the tree (the 在线预约 button's ``?item=``), else None."""
    parts = (path or "").strip("/").split("/")
    if len(parts) != 3:
        return None
    center = center_of(root, parts[0])
    item = item_of(department_of(center, parts[1]), parts[2])
    return tuple(parts) if item is not None else None


def center_choices(root):
    return [(code, c.title) for code, c in centers(root).items()]


def item_choices(department):
    return [(name, i.title) for name, i in department.items()] if department is not None else []


def schedule(request, department_key):
    return slots.schedule_of(request.root, request.registry.settings, department_key)


def remaining(request, department_key, day):
    """{slot: places left} of a department's day (one record read per slot)."""
    plan = schedule(request, department_key)
    container = get_appointments(request)
    return {s: max(0, plan.capacity - container.taken(department_key, day, s)) for s in plan.slots}


def book(request, center, department, item, day, slot, values):
    """Take a place in the slot and add the appointment; raises SlotFull.

    The slot's record is read, checked against the capacity and written in this
    transaction: two bookings of its last place conflict, and the one replayed sees it full.
    The view is ``serialized`` (web/writers.py), as filing submissions are: one process
    never replays a booking, and its queued bookings are catalogued together.
    """
    container = get_appointments(request)
    plan = schedule(request, department.department_key)
    held = container.bookings(department.department_key, day, slot, create=True)
    if len(held.ids) >= plan.capacity:
        raise SlotFull()
    now = get_clock(request.registry).now()
    appointment = Appointment(request.identity, center, department, item, day, slot, now)
    for key in ("contact", "phone", "email", "content"):
        setattr(appointment, key, (values.get(key) or "").strip())
    name = container.new_id(day)
    held.take(name)
    # Catalogued right after the commit, with the other bookings committed meanwhile, in
    # one transaction (indexing/queue.py): a booking then writes a handful of objects, not
    # a bucket of every list it is on, and concurrent bookings meet only on their slot.
    container.add(name, appointment, index=False)
    defer_index(request, appointment)
    return appointment
