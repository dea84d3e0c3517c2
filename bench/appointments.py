"""The appointment pages of `make bench`: booking with 8 concurrent writers, and afterwards
the places of every slot counted in the database (none may hold more than its capacity).

``appointment_bookings`` logs in up to 64 generated enterprises (``bench/sessions.py``) and
gives each a booking of its own slot of the sample department (640100/scjg): the days the
form offers, each day's slots with their places from ``/appointments/options``, the freest
first. wrk sends them in turn, so each session books its slot again and again; bench.ini
gives slots room for a run (``portal.appointment_capacity``). ``count_overbooked`` opens the
dataset read-only once the server stopped (before it is restored) and counts, per slot of
the department, the bookings that hold a place, against its record and its capacity.
"""

import configparser
import json
import re
from collections import Counter
from pathlib import Path

from bench.prepared import Prepared, form_body, hidden_inputs
from bench.sessions import Client, logged_in_get

DEPARTMENT = ("640100", "scjg")
FORM = 'id="appointment"'
VALUES = {
    "contact": "张伟",
    "phone": "13995000001",
    "email": "zhangwei@example.cn",
    "content": "现场提交食品经营许可申请材料。",
}
BENCH_INI = Path(__file__).resolve().parent / "bench.ini"


def bookable_days(html):
    """(first, last) ISO days of the form's day input."""
    low = re.search(r'\bmin="(\d{4}-\d{2}-\d{2})"', html)
    high = re.search(r'\bmax="(\d{4}-\d{2}-\d{2})"', html)
    if not (low and high):
        raise RuntimeError("the booking form offers no days")
    return low.group(1), high.group(1)


def free_slots(client, center, dept, first, last):
    """[(places left, day, slot)] of the department's working days in [first, last]."""
    from datetime import date, timedelta

    found = []
    day, end = date.fromisoformat(first), date.fromisoformat(last)
    while day <= end:
        query = f"center={center}&department={dept}&day={day.isoformat()}"
        status, _, text = client.request(
            f"/appointments/options?{query}", headers={"Accept": "application/json"}
        )
        data = json.loads(text) if status == 200 else {}
        if data.get("slots") and not data.get("day_error"):
            for slot, label in data["slots"]:
                left = re.search(r"(\d+)", label.replace(slot, ""))
                found.append((int(left.group(1)) if left else 0, day.isoformat(), slot))
        day += timedelta(days=1)
    return sorted(found, reverse=True)


def item_of(html):
    m = re.search(r'<select[^>]*name="item"[^>]*>(.*?)</select>', html, re.S)
    values = re.findall(r"<option[^>]*\bvalue=\"([^\"]+)\"", m.group(1)) if m else []
    if not values:
        raise RuntimeError("the sample department offers no item to book")
    return values[0]


def appointment_bookings(base_url, dataset, count=64):
    """POST /appointments/new: one prepared booking per enterprise session, each for a slot
    of its own (the freest first). A success answers 303 to the new appointment."""
    samples = dataset["samples"]
    center, dept = DEPARTMENT
    path = f"/appointments/new?center={center}&department={dept}"
    out, slots = [], None
    for username in samples["enterprises"][:count]:
        client = Client(base_url).login(username, samples["password"])
        status, _, html = client.get(path)
        if status != 200:
            raise RuntimeError(f"{path} answered {status} to {username}")
        if slots is None:
            slots = free_slots(client, center, dept, *bookable_days(html))
            item = item_of(html)
        if len(out) >= len(slots):
            break
        _left, day, slot = slots[len(out)]
        fields = hidden_inputs(html, FORM)
        fields.update(VALUES)
        fields.update(
            center=center, department=dept, item=item, day=day, slot=slot, submit="submit"
        )
        headers = {
            "Cookie": client.cookie_header(),
            "Content-Type": "application/x-www-form-urlencoded",
        }
        out.append(Prepared("POST", "/appointments/new", headers, form_body(fields)))
    if not out:
        raise RuntimeError("the dataset has no enterprises or free slots to book")
    return out


def appointment_page(base_url, dataset):
    """GET the newest appointment of the first enterprise, as that enterprise."""
    path = dataset["samples"]["appointment"]
    return logged_in_get("enterprise", path)(base_url, dataset)


def capacity_setting():
    """``portal.appointment_capacity`` as bench.ini sets it (else the portal's default)."""
    from ningxia_portal.settings import DEFAULTS

    parser = configparser.ConfigParser(interpolation=None)
    parser.read(BENCH_INI, encoding="utf-8")
    value = parser.get("app:main", "portal.appointment_capacity", fallback=None)
    return int(value) if value else DEFAULTS["portal.appointment_capacity"][1]


def count_overbooked(directory, dataset, run=None):
    """(overbooked slots, a line saying what was counted) for the sample department.

    Counts, per (day, slot), the appointments holding a place (booked, approved, handled):
    a slot is overbooked when they are more than its capacity, or more than its record of
    places taken says (then the record let a place go twice)."""
    from bench.storages import open_db
    from ningxia_portal.appointments.resources import QUEUE_LIST
    from ningxia_portal.appointments.slots import Schedule
    from ningxia_portal.appointments.workflow import HOLDING
    from ningxia_portal.core.root import APP_ROOT_KEY

    key = "/".join(DEPARTMENT)
    db = open_db(directory)
    try:
        with db.transaction() as conn:
            root = conn.root()[APP_ROOT_KEY]
            container = root["appointments"]
            section = root["manage"].get("appointments")
            own = section.schedules.get(key) if section is not None else None
            capacity = own["capacity"] if own else capacity_setting()
            plan = Schedule((), capacity)
            index = root.catalog["appointment_lists"]
            holding = Counter()
            for docid in index.docids([QUEUE_LIST + key]):
                a = root.docmap.get(docid)
                if a is not None and a.state in HOLDING:
                    holding[(a.day.isoformat(), a.slot)] += 1
            records = {
                (day, slot): len(record.ids)
                for (dept, day, slot), record in container.slots.items((key,), (key + "\uffff",))
                if dept == key
            }
    finally:
        db.close()
    over = [s for s, n in holding.items() if n > plan.capacity or n > records.get(s, 0)]
    line = (
        f"{sum(holding.values()):,} bookings holding places in {len(holding):,} slots of "
        f"{key} (capacity {plan.capacity}): {len(over)} overbooked"
    )
    return len(over), line
