"""The complaint workflow: who holds what on a complaint, in every state."""

import pytest
from pyramid.authorization import ACLHelper

from ningxia_portal.complaints.workflow import (
    ALREADY_RATED,
    CLOSED,
    HANDLING,
    RECEIVED,
    REPLIED,
    STATES,
    complaint_workflow,
)
from ningxia_portal.security.permissions import Permissions as P
from tests.unit.complaints.helpers import make_complaint

HANDLER = ["system.Everyone", "system.Authenticated", "complaint_handler@640100"]
OWNER = ["system.Everyone", "system.Authenticated", "user:acme", "role:enterprise"]
ADMIN = ["system.Everyone", "system.Authenticated", "user:guanli", "role:admin"]
# Nobody else: another enterprise; the department complained about, its center's reviewer;
# a handler grant on a department (never made, but it must not count) or another center.
NOBODY = {
    "other": ["system.Everyone", "system.Authenticated", "user:other", "role:enterprise"],
    "department": ["system.Everyone", "system.Authenticated", "reviewer@640100/scjg"],
    "center reviewer": ["system.Everyone", "system.Authenticated", "reviewer@640100"],
    "handler on a department": ["system.Authenticated", "complaint_handler@640100/scjg"],
    "other center": ["system.Everyone", "system.Authenticated", "complaint_handler@640000"],
}


def permits(complaint, principals, permission):
    return bool(ACLHelper().permits(complaint, principals, permission))


@pytest.mark.parametrize("state", STATES)
def test_the_complainant_handlers_and_admins_see_it_nobody_else(state):
    complaint = make_complaint(state=state)
    for principals in (OWNER, HANDLER, ADMIN):
        assert permits(complaint, principals, P.VIEW)
        assert permits(complaint, principals, P.DOWNLOAD_COMPLAINT)
    for who, principals in NOBODY.items():
        for permission in (P.VIEW, P.DOWNLOAD_COMPLAINT, P.TAKE_COMPLAINT, P.RATE_COMPLAINT):
            assert not permits(complaint, principals, permission), (who, permission)


def test_only_the_complainant_rates_and_only_handlers_move_it():
    complaint = make_complaint()
    assert permits(complaint, OWNER, P.RATE_COMPLAINT)
    assert not permits(complaint, ADMIN, P.RATE_COMPLAINT)
    assert not permits(complaint, HANDLER, P.RATE_COMPLAINT)
    for permission in (P.TAKE_COMPLAINT, P.REPLY_COMPLAINT, P.CLOSE_COMPLAINT):
        assert permits(complaint, HANDLER, permission) and permits(complaint, ADMIN, permission)
        assert not permits(complaint, OWNER, permission)


@pytest.mark.parametrize(
    ("state", "possible"),
    [
        (RECEIVED, ["take"]),
        (HANDLING, ["reply"]),
        (REPLIED, ["close", "rate"]),
        (CLOSED, ["rate"]),
    ],
)
def test_what_may_leave_each_state(state, possible):
    complaint = make_complaint(state=state)
    assert [t.name for t in complaint_workflow.possible(complaint)] == possible


def test_a_rated_complaint_is_rated_no_more():
    complaint = make_complaint(state=CLOSED)
    complaint.set_rating("satisfied", "", None)
    rate = complaint_workflow.get_transition("rate")
    assert complaint_workflow.why_not(complaint, rate) == ALREADY_RATED
    assert complaint_workflow.is_final(complaint)


def test_the_lists_mirror_the_acl():
    complaint = make_complaint(state=HANDLING)
    lists = complaint.complaint_lists()
    assert set(lists) == {"complaint-mine:acme", "complaint-queue:640100"}
    assert lists["complaint-queue:640100"][0][0] == 1  # after the received ones
    assert lists["complaint-queue:640100"][1] == {"state": HANDLING, "open": "1"}
