"""The workflow data and engine: depths stop the flow, permissions, comments, history, events."""

import pytest

from ningxia_portal.core.events import ObjectModified
from ningxia_portal.filings import workflow as wf
from ningxia_portal.filings.workflow import filing_workflow
from ningxia_portal.workflow import StaleObject, WorkflowError, WorkflowTransitioned
from tests.unit.filings.helpers import NOW, make_filing, permits_for

OWNER = permits_for("user:acme", "role:enterprise")
OTHER_ENTERPRISE = permits_for("user:other", "role:enterprise")
DEPT_REVIEWER = permits_for("user:r", "reviewer@640100/scjg")
CENTER_REVIEWER = permits_for("user:r2", "reviewer@640100")
OTHER_DEPT_REVIEWER = permits_for("user:r3", "reviewer@640100/sw")
OTHER_CENTER_REVIEWER = permits_for("user:r4", "reviewer@640104/scjg")
EDITOR = permits_for("user:e", "role:editor", "editor@640100")
ADMIN = permits_for("user:admin", "role:admin")
ANONYMOUS = permits_for()


def go(filing, name, permits, comment="", **kw):
    return filing_workflow.transition(
        filing, name, actor="x", actor_title="X", now=NOW, permits=permits, comment=comment, **kw
    )


def names(filing, permits):
    return [t.name for t in filing_workflow.allowed(filing, permits=permits)]


@pytest.mark.parametrize(
    ("depth", "path", "final"),
    [
        ("网上预审", ["prereview"], "prereview_passed"),
        ("网上受理", ["prereview", "accept"], "accepted"),
        ("网上办结", ["prereview", "accept", "complete"], "completed"),
        ("网上办结", ["prereview", "accept", "refuse"], "not_permitted"),
    ],
)
def test_each_depth_runs_to_its_end_and_stops(depth, path, final):
    filing = make_filing(depth, state="submitted")
    for name in path:
        go(filing, name, DEPT_REVIEWER, comment="理由充分")
    assert filing.state == final
    assert filing_workflow.is_final(filing) and names(filing, ADMIN) == []
    assert [e["to_state"] for e in filing.history][-1] == final
    assert filing.finished == NOW


def test_prereview_items_cannot_be_accepted_online():
    filing = make_filing("网上预审", state="prereview_passed")
    with pytest.raises(WorkflowError) as refused:
        go(filing, "accept", ADMIN)
    assert refused.value.message == wf.DEPTH_ENDS  # the guard says why
    assert filing.state == "prereview_passed" and filing.history == []


def test_return_and_supplement_loop_back_to_submitted():
    filing = make_filing(state="submitted")
    go(filing, "return", DEPT_REVIEWER, comment="营业执照复印件不清晰")
    assert filing.state == "supplement_required"
    assert names(filing, OWNER) == ["supplement"]
    go(filing, "supplement", OWNER)
    assert filing.state == "submitted"
    assert [(e["from_state"], e["to_state"]) for e in filing.history] == [
        ("submitted", "supplement_required"),
        ("supplement_required", "submitted"),
    ]


@pytest.mark.parametrize("name", ["return", "reject"])
def test_a_comment_is_required_to_return_or_reject(name):
    filing = make_filing(state="submitted")
    with pytest.raises(WorkflowError):
        go(filing, name, DEPT_REVIEWER, comment="   ")
    assert filing.state == "submitted" and filing.revision == 0


def test_a_comment_is_required_to_refuse():
    filing = make_filing(state="accepted")
    with pytest.raises(WorkflowError):
        go(filing, "refuse", DEPT_REVIEWER)
    go(filing, "refuse", DEPT_REVIEWER, comment="不符合《食品安全法》第三十五条规定的条件")
    assert filing.state == "not_permitted"


REVIEW_STATES = {
    "submitted": ["prereview", "return", "reject"],
    "prereview_passed": ["accept"],
    "accepted": ["complete", "refuse"],
}


@pytest.mark.parametrize(("state", "expected"), REVIEW_STATES.items())
def test_review_transitions_by_role(state, expected):
    filing = make_filing("网上办结", state=state)
    assert names(filing, DEPT_REVIEWER) == expected
    assert names(filing, CENTER_REVIEWER) == expected
    assert names(filing, ADMIN) == expected
    for nobody in (
        OWNER,
        OTHER_ENTERPRISE,
        OTHER_DEPT_REVIEWER,
        OTHER_CENTER_REVIEWER,
        EDITOR,
        ANONYMOUS,
    ):
        assert names(filing, nobody) == []
        for name in expected:
            with pytest.raises(WorkflowError):
                go(filing, name, nobody, comment="理由")
    assert filing.state == state and filing.history == []


def test_submit_and_supplement_are_the_owners():
    draft = make_filing(state="draft")
    assert names(draft, OWNER) == ["submit"]
    for nobody in (OTHER_ENTERPRISE, DEPT_REVIEWER, CENTER_REVIEWER, EDITOR, ANONYMOUS):
        assert names(draft, nobody) == []
    returned = make_filing(state="supplement_required")
    assert names(returned, OWNER) == ["supplement"]
    for nobody in (OTHER_ENTERPRISE, DEPT_REVIEWER, OTHER_DEPT_REVIEWER, EDITOR, ANONYMOUS):
        assert names(returned, nobody) == []


def test_a_stale_revision_is_refused_without_change():
    filing = make_filing(state="submitted")
    go(filing, "prereview", DEPT_REVIEWER, revision=0)
    with pytest.raises(StaleObject) as refused:
        go(filing, "return", DEPT_REVIEWER, comment="x", revision=0)
    assert refused.value.message == wf.STALE
    assert filing.state == "prereview_passed" and len(filing.history) == 1


def test_each_transition_records_history_and_fires_events():
    filing = make_filing(state="submitted")
    events = []
    entry = go(filing, "reject", DEPT_REVIEWER, comment="不属于本部门职责", notify=events.append)
    assert dict(entry) == {
        "time": NOW,
        "actor": "x",
        "actor_title": "X",
        "transition": "reject",
        "from_state": "submitted",
        "to_state": "not_accepted",
        "comment": "不属于本部门职责",
    }
    assert isinstance(events[0], WorkflowTransitioned) and events[0].transition.name == "reject"
    assert events[0].workflow is filing_workflow and events[0].entry is entry
    assert isinstance(events[1], ObjectModified) and events[1].object is filing


def test_every_transition_has_a_permission_and_known_states():
    for t in wf.TRANSITIONS:
        assert t.permission and set(t.sources) <= set(wf.STATES) and t.target in wf.STATES


def test_the_acl_is_computed_never_stored():
    filing = make_filing(state="submitted")
    assert "__acl__" not in vars(filing)
    assert filing.__acl__ == wf.case_acl(filing)
    filing.state = "draft"
    assert filing.__acl__ == wf.draft_acl(filing)


@pytest.mark.parametrize("state", ["draft", "supplement_required", "submitted"])
def test_only_the_owner_takes_the_owners_transitions_admins_included(state):
    """An admin holds every other permission on a case, never the owner's own actions."""
    filing = make_filing(state=state)
    owner_names = {"draft": ["submit"], "supplement_required": ["supplement"]}
    assert names(filing, OWNER) == owner_names.get(state, [])
    for name in ("submit", "supplement"):
        for nobody in (ADMIN, DEPT_REVIEWER, CENTER_REVIEWER):
            assert name not in names(filing, nobody)
            with pytest.raises(WorkflowError):
                go(filing, name, nobody)
    assert filing.state == state and filing.history == []
