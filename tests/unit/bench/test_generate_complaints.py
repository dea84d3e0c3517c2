"""ningxia-portal-gen's complaints: small N into a temp FileStorage, read back through the
catalog's lists as the pages read them."""

import itertools

import pytest

from ningxia_portal.bench import script
from ningxia_portal.bench.complaints import handler_name
from ningxia_portal.complaints.resources import MINE_LIST, QUEUE_LIST, Complaint
from ningxia_portal.complaints.workflow import CLOSED, STATES
from tests.unit.bench.test_generate import read_root
from tests.unit.bench.test_generate_accounts import settings_for

COUNTS = {"items": 100, "enterprises": 10, "reviewers": 0, "announcements": 0, "complaints": 300}


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    path = tmp_path_factory.mktemp("gen-complaints")
    report = script.generate(settings_for(path), COUNTS, batch=400)
    db, root = read_root(path)
    yield path, report, root
    db.close()


def test_counts_handlers_and_samples(generated):
    _path, report, root = generated
    assert report["written"]["complaints"] == 300 == report["totals"]["complaints"]
    complaints = list(root["complaints"].values())
    assert all(isinstance(c, Complaint) for c in complaints)
    assert {c.state for c in complaints} <= set(STATES)
    handler = root["principals"][handler_name("640100")]
    assert handler.grants == (("complaint_handler", "640100"),)
    samples = report["samples"]
    assert samples["handler"] == handler_name("640100")
    complaint = root["complaints"][samples["complaint"].split("/")[2]]
    assert complaint.owner == samples["enterprise"]


def test_histories_follow_the_workflow_and_the_lists_hold_every_complaint(generated):
    _path, _report, root = generated
    index = root.catalog["complaint_lists"]
    for c in root["complaints"].values():
        history = list(c.history)
        assert c.revision == len(history)
        assert all(a["to_state"] == b["from_state"] for a, b in itertools.pairwise(history))
        if c.rating is not None:
            assert c.state == CLOSED and history[-1]["transition"] == "rate"
    owners = {c.owner for c in root["complaints"].values()}
    assert sum(index.size(MINE_LIST + o) for o in owners) == 300
    assert sum(index.size(n) for n in index.names(QUEUE_LIST)) == 300


def test_a_rerun_tops_up(generated):
    path, _report, _root = generated
    report = script.generate(settings_for(path), dict(COUNTS, complaints=320), batch=400)
    assert report["written"]["complaints"] == 20 and report["totals"]["complaints"] == 320
