"""Step 20 on a database that holds the plain ``appointments`` Folder of an early step."""

from ningxia_portal.appointments.evolve import step020
from ningxia_portal.appointments.resources import Appointments, AppointmentSlotsSection
from ningxia_portal.core.folder import Folder
from tests.conftest import new_portal


def test_step_20_replaces_the_plain_folder_keeping_children_and_adds_indexes(registry):
    fresh = new_portal(registry)  # what a new database gets
    root = new_portal(registry)
    root.remove("appointments")
    root["manage"].remove("appointments")
    for name in ("appointment_lists", "appointment_text"):
        del root.catalog[name]
    old = root.add("appointments", Folder())
    child = Folder()
    old.add("kept", child)

    step020.evolve(root, registry)

    new = root["appointments"]
    assert isinstance(new, Appointments) and new["kept"] is child
    assert isinstance(root["manage"]["appointments"], AppointmentSlotsSection)
    assert {"appointment_lists", "appointment_text"} <= set(root.catalog)
    # Both paths end equal: the same container type, indexes and section.
    assert type(fresh["appointments"]) is type(new)
    assert set(fresh.catalog) == set(root.catalog)
    assert set(fresh["manage"]) == set(root["manage"])
    step020.evolve(root, registry)  # idempotent
    assert root["appointments"] is new
