"""The last place of a slot, taken by two enterprises at the same moment: real threads
against the app served by waitress, on a FileStorage. Exactly one wins; the other gets the
form back saying the slot is full; the database holds one booking in the slot."""

from datetime import date

import pytest

from ningxia_portal import main
from ningxia_portal.core.root import get_database
from tests.browser.conftest import serve
from tests.conftest import DEMO_CENTERS, RootAccess, base_settings, create_user
from tests.functional.appointments.support import VALUES, set_schedule
from tests.functional.filings.live import LiveClient, run_together

DEPARTMENT = "640100/scjg"


@pytest.fixture
def served(tmp_path):
    """The demo portal on a FileStorage, served with 8 threads, retrying conflicts."""
    uri = f"file://{tmp_path}/Data.fs?blobstorage_dir={tmp_path}/blobs"
    settings = base_settings(
        **{
            "zodbconn.uri": uri,
            "portal.demo": "true",
            "portal.demo_centers": DEMO_CENTERS,
            "retry.attempts": "5",
        }
    )
    app = main({}, **settings)
    for n in range(6):
        create_user(app, f"qiye{n}", title=f"并发企业{n}")
    server = serve(app, threads=8)
    yield app, server.application_url.rstrip("/")
    server.shutdown()
    get_database(app.registry).close()


def booking_fields(client, **values):
    fields = dict(client.form("/appointments/new", "appointment"))
    fields.update({**VALUES, **values})
    return [*fields.items(), ("submit", "submit")]


@pytest.mark.parametrize("writers", [2, 6])
def test_exactly_one_enterprise_gets_the_last_place(served, writers):
    app, base = served
    set_schedule(app, DEPARTMENT, (VALUES["slot"],), 1)
    clients = [LiveClient(base).login(f"qiye{n}") for n in range(writers)]
    forms = [booking_fields(c, content=f"并发预约 {n}") for n, c in enumerate(clients)]
    replies = run_together(
        [
            lambda c=c, f=f: c.post("/appointments/new", f)
            for c, f in zip(clients, forms, strict=True)
        ]
    )
    statuses = sorted(r.status for r in replies)
    assert statuses == [200] * (writers - 1) + [303], [r.text[:300] for r in replies]
    for reply in replies:
        if reply.status == 200:
            assert "该时段已约满" in reply.main_text()
    with RootAccess(app) as root:
        container = root["appointments"]
        mine = [
            a
            for a in container.values()
            if a.department_key == DEPARTMENT and a.owner.startswith("qiye")
        ]
        assert len(mine) == 1
        assert container.taken(DEPARTMENT, mine[0].day, mine[0].slot) == 1


def test_bookings_of_different_slots_all_succeed(served):
    app, base = served
    slots = ("09:00-10:00", "10:00-11:00", "11:00-12:00", "14:30-15:30")
    set_schedule(app, DEPARTMENT, slots, 1)
    clients = [LiveClient(base).login(f"qiye{n}") for n in range(4)]
    forms = [booking_fields(c, slot=s) for c, s in zip(clients, slots, strict=True)]
    replies = run_together(
        [
            lambda c=c, f=f: c.post("/appointments/new", f)
            for c, f in zip(clients, forms, strict=True)
        ]
    )
    assert [r.status for r in replies] == [303] * 4
    with RootAccess(app) as root:
        container = root["appointments"]
        day = date.fromisoformat(VALUES["day"])
        assert [container.taken(DEPARTMENT, day, s) for s in slots] == [1, 1, 1, 1]
