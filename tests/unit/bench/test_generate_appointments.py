"""ningxia-portal-gen's appointments: small N into a temp FileStorage, read back."""

import itertools
from collections import Counter

import pytest

from ningxia_portal.appointments import workflow
from ningxia_portal.appointments.resources import MINE_LIST, QUEUE_LIST, Appointment
from ningxia_portal.bench import script
from tests.unit.bench.test_generate import read_root
from tests.unit.bench.test_generate_accounts import settings_for

COUNTS = {"items": 300, "enterprises": 20, "reviewers": 40, "appointments": 800}


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    path = tmp_path_factory.mktemp("gen-appointments")
    report = script.generate(settings_for(path), COUNTS, batch=500)
    db, root = read_root(path)
    yield report, root
    db.close()


def test_counts_and_samples(generated):
    report, root = generated
    written = report["written"]["appointments"]
    assert written == report["totals"]["appointments"] == len(root["appointments"])
    assert written >= 790  # a few found every place tried full
    assert all(isinstance(a, Appointment) for a in root["appointments"].values())
    assert report["samples"]["appointment"].startswith("/appointments/")


def test_no_slot_holds_more_than_its_capacity_and_records_match(generated):
    _, root = generated
    container = root["appointments"]
    holding = Counter(
        (a.department_key, a.day.isoformat(), a.slot)
        for a in container.values()
        if a.state in workflow.HOLDING
    )
    for key, record in container.slots.items():
        assert len(record.ids) <= 5
        assert len(record.ids) == holding.get(key, 0), key


def test_histories_follow_the_workflow_in_time(generated):
    _, root = generated
    states = Counter()
    for a in root["appointments"].values():
        history = list(a.history)
        assert a.revision == len(history)
        assert a.state == (history[-1]["to_state"] if history else workflow.BOOKED)
        assert all(x["to_state"] == y["from_state"] for x, y in itertools.pairwise(history))
        for e in history:
            assert e["time"] >= a.created
            if e["transition"] in ("approve", "cancel"):
                assert e["time"] < a.starts
            if e["transition"] == "finish":
                assert e["time"] >= a.starts
        states[a.state] += 1
    assert set(states) == set(workflow.STATES)


def test_lists_hold_them_for_their_readers(generated):
    _, root = generated
    index = root.catalog["appointment_lists"]
    owners = Counter(a.owner for a in root["appointments"].values())
    for owner, n in owners.items():
        assert index.size(MINE_LIST + owner) == n
    a = next(iter(root["appointments"].values()))
    assert a.__docid__ in index.members([QUEUE_LIST + a.department_key])
