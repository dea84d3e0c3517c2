"""The engine's other half (filings' shape): guards that say why not, several sources, a
computed ACL, plain-record history with extras, the revision check, begin/finish, scripts."""

import pickle
from datetime import UTC, datetime

import pytest
from pyramid import testing
from pyramid.authorization import ACLHelper, Allow, Everyone

from ningxia_portal.core.clock import FrozenClock
from ningxia_portal.core.events import ObjectModified
from ningxia_portal.workflow import (
    COMPUTED_ACL,
    HistoryEntry,
    PlainRecords,
    StaleObject,
    State,
    Transition,
    TransitionNotAllowed,
    Workflow,
    WorkflowError,
    WorkflowTransitioned,
    system_permits,
)

NOW = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
FROZEN = "the ticket is frozen"
TOO_LATE = "too late to reopen"


def frozen(obj, transition):
    return FROZEN if obj.frozen else None


def not_too_late(obj, transition):
    return TOO_LATE if obj.late else None


def owner_acl(obj):
    return [(Allow, f"user:{obj.owner}", ("view", "work", "reopen"))]


class Ticket:
    __parent__ = None
    __name__ = "t"
    frozen = False
    late = False
    revision = 0

    def __init__(self, owner="alice"):
        self.owner = owner
        self.touched = []
        TICKETS.initialize(self)

    __acl__ = property(lambda self: TICKETS.acl(self))


TICKETS = Workflow(
    name="ticket",
    initial="open",
    states=(
        State("open", "Open", owner_acl),
        State("doing", "Doing", owner_acl),
        State("closed", "Closed", lambda obj: [(Allow, Everyone, "view")]),
    ),
    transitions=(
        Transition("start", "Start", "open", "doing", "work"),
        Transition("close", "Close", ("open", "doing"), "closed", "work"),
        Transition("reopen", "Reopen", ("closed",), "open", "reopen", guards=(not_too_late,)),
    ),
    acl=COMPUTED_ACL,
    history=PlainRecords("history"),
    guards=(frozen,),
    revision_attr="revision",
    after_transition=lambda obj, record: obj.touched.append(record.when),
    messages={"stale": "changed meanwhile"},
)


def permits_as(*principals):
    everyone = [Everyone, *principals]
    return lambda permission, context: bool(ACLHelper().permits(context, everyone, permission))


ALICE = permits_as("user:alice")


def move(ticket, name, permits=ALICE, **kw):
    return TICKETS.transition(
        ticket, name, permits=permits, actor="alice", actor_title="Alice", now=NOW, **kw
    )


def test_a_transition_may_leave_several_states():
    assert [t.name for t in TICKETS.allowed(Ticket(), permits=ALICE)] == ["start", "close"]
    ticket = Ticket()
    move(ticket, "start")
    assert [t.name for t in TICKETS.allowed(ticket, permits=ALICE)] == ["close"]
    move(ticket, "close")
    assert ticket.state == "closed" and TICKETS.is_final(ticket) is False  # reopen is possible


def test_a_workflow_guard_stops_every_transition_and_says_why():
    ticket = Ticket()
    ticket.frozen = True
    assert TICKETS.possible(ticket) == [] and TICKETS.is_final(ticket)
    assert TICKETS.why_not(ticket, TICKETS.get_transition("start")) == FROZEN
    with pytest.raises(TransitionNotAllowed) as refused:
        move(ticket, "start")
    assert (refused.value.reason, refused.value.message) == ("guard", FROZEN)
    assert ticket.state == "open" and ticket.history == [] and ticket.revision == 0


def test_a_transitions_own_guard_applies_to_it_alone():
    ticket = Ticket()
    move(ticket, "close")
    ticket.late = True
    assert TICKETS.why_not(ticket, TICKETS.get_transition("reopen")) == TOO_LATE
    assert TICKETS.is_final(ticket)
    with pytest.raises(TransitionNotAllowed) as refused:
        move(ticket, "reopen")
    assert refused.value.message == TOO_LATE
    # the wrong state says so before any guard
    assert TICKETS.why_not(ticket, TICKETS.get_transition("start")) == (
        "This action is not possible in the current state."
    )


def test_the_acl_is_computed_from_the_state_and_never_stored():
    ticket = Ticket()
    assert "__acl__" not in vars(ticket)
    assert ACLHelper().permits(ticket, [Everyone, "user:alice"], "work")
    move(ticket, "close")
    assert "__acl__" not in vars(ticket)
    assert not ACLHelper().permits(ticket, [Everyone, "user:alice"], "work")
    assert ACLHelper().permits(ticket, [Everyone], "view")


def test_history_records_are_plain_dicts_with_the_extras():
    ticket = Ticket()
    entry = move(ticket, "start", comment="  on it ", extra={"round": 2})
    assert type(entry) is dict and ticket.history == [entry]
    assert entry == {
        "time": NOW,
        "actor": "alice",
        "actor_title": "Alice",
        "transition": "start",
        "from_state": "open",
        "to_state": "doing",
        "comment": "on it",
        "round": 2,
    }
    assert ticket.touched == [NOW] and ticket.revision == 1


def test_a_stale_revision_is_refused_before_anything_else_and_changes_nothing():
    ticket = Ticket()
    move(ticket, "start", revision=0)
    for stale in (0, "0", "x", ""):
        with pytest.raises(StaleObject) as refused:
            move(ticket, "close", revision=stale)
        assert refused.value.message == "changed meanwhile"
    with pytest.raises(StaleObject):  # even for a transition that doesn't exist
        move(ticket, "no-such", revision=0)
    assert ticket.state == "doing" and len(ticket.history) == 1
    move(ticket, "close", revision="1")
    assert ticket.revision == 2


def test_a_workflow_without_revisions_refuses_to_check_one():
    plain = Workflow("p", (State("a", "A"),), (Transition("t", "T", "a", "a", "x"),), "a")
    with pytest.raises(WorkflowError):
        plain.transition(Ticket(), "t", permits=system_permits, now=NOW, revision=0)


def test_begin_checks_finish_moves_once():
    ticket = Ticket()
    with pytest.raises(TransitionNotAllowed):
        TICKETS.begin(ticket, "start", permits=permits_as("user:bob"), now=NOW)
    move_ = TICKETS.begin(ticket, "start", permits=ALICE, actor="alice", now=NOW)
    assert ticket.state == "open" and ticket.history == []  # nothing yet
    ticket.note = "changed between the checks and the move"
    entry = move_.finish(extra={"round": 1})
    assert ticket.state == "doing" and entry["round"] == 1 and entry["actor_title"] == "alice"
    with pytest.raises(WorkflowError):
        move_.finish()
    assert len(ticket.history) == 1


def test_scripts_pass_permits_actor_and_time_and_fire_no_events():
    ticket = Ticket("bob")
    entry = TICKETS.transition(
        ticket, "close", permits=system_permits, actor="loader", now=NOW, comment="import"
    )
    assert (entry["actor"], entry["time"], ticket.state) == ("loader", NOW, "closed")
    with pytest.raises(WorkflowError):  # neither a request nor permits
        TICKETS.transition(Ticket(), "close", actor="x", now=NOW)
    with pytest.raises(WorkflowError):  # neither a request nor a time
        TICKETS.transition(Ticket(), "close", permits=system_permits)
    events = []
    TICKETS.transition(Ticket(), "close", permits=system_permits, now=NOW, notify=events.append)
    assert [type(e) for e in events] == [WorkflowTransitioned, ObjectModified]


class User:
    username = "alice"
    title = "阿克米"


class Policy:
    def identity(self, request):
        return User()

    def authenticated_userid(self, request):
        return "alice"

    def permits(self, request, context, permission):
        return ACLHelper().permits(context, [Everyone, "user:alice"], permission)


def test_permits_actor_time_and_events_default_to_the_request():
    config = testing.setUp(settings={"portal.clock": "ningxia_portal.core.clock.FrozenClock"})
    try:
        config.registry.portal_clock = FrozenClock(NOW)
        config.set_security_policy(Policy())
        seen = []
        config.add_subscriber(seen.append, WorkflowTransitioned)
        config.add_subscriber(seen.append, ObjectModified)
        request = testing.DummyRequest()
        ticket = Ticket()
        assert [t.name for t in TICKETS.allowed(ticket, request)] == ["start", "close"]
        entry = TICKETS.transition(ticket, "start", request, comment="好")
        assert (entry["actor"], entry["actor_title"], entry["time"]) == ("alice", "阿克米", NOW)
        assert [type(e) for e in seen] == [WorkflowTransitioned, ObjectModified]
        assert seen[0].workflow is TICKETS and seen[0].request is request
        assert seen[0].record.extra == {} and seen[0].entry is entry
        with pytest.raises(TransitionNotAllowed):
            TICKETS.transition(Ticket("bob"), "start", request)
    finally:
        testing.tearDown()


def test_history_entries_load_under_the_name_stored_announcements_pickled():
    """Announcements stored before the engine moved pickled ``ningxia_portal.workflow``'s
    ``HistoryEntry``: that name still loads the class."""
    from ZODB.broken import find_global

    assert find_global("ningxia_portal.workflow", "HistoryEntry") is HistoryEntry  # as ZODB loads
    assert pickle.loads(b"cningxia_portal.workflow\nHistoryEntry\n.") is HistoryEntry  # noqa: S301
    entry = pickle.loads(pickle.dumps(HistoryEntry(NOW, "a", "t", "x", "y", "c")))  # noqa: S301
    assert entry.as_dict()["from"] == "x"
