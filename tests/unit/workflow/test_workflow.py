"""The workflow engine with a stored ACL and HistoryEntry records (announcements' shape):
data in, checked transitions, history, ACLs and events. test_engine.py covers the rest."""

from datetime import UTC, datetime

import pytest
from pyramid import testing
from pyramid.authorization import ALL_PERMISSIONS, ACLHelper, Allow, Deny, Everyone

from ningxia_portal.core.clock import FrozenClock
from ningxia_portal.core.events import ObjectModified
from ningxia_portal.workflow import (
    State,
    Transition,
    TransitionNotAllowed,
    Workflow,
    WorkflowError,
    WorkflowTransitioned,
)


class Doc:
    __parent__ = None
    __name__ = "doc"

    def __init__(self, owner="alice"):
        self.owner = owner


def owner_acl(obj):
    return [(Allow, f"user:{obj.owner}", ("view", "edit")), (Deny, Everyone, ALL_PERMISSIONS)]


WF = Workflow(
    name="test",
    initial="draft",
    states=(
        State("draft", "Draft", owner_acl),
        State("public", "Public", [(Allow, Everyone, "view"), (Allow, "role:boss", "publish")]),
    ),
    transitions=(
        Transition("publish", "Publish", ("draft",), "public", "edit"),
        Transition("hide", "Hide", ("public",), "draft", "publish", comment_required=True),
    ),
)


class FakeUser:
    username = "alice"


@pytest.fixture
def config():
    config = testing.setUp(settings={"portal.clock": "ningxia_portal.core.clock.FrozenClock"})
    yield config
    testing.tearDown()


class PrincipalsPolicy:
    """A security policy for a fixed user and principals: what the real one computes."""

    def __init__(self, principals, user):
        self.principals = [Everyone, *principals]
        self.user = user

    def identity(self, request):
        return self.user

    def authenticated_userid(self, request):
        return getattr(self.user, "username", None)

    def permits(self, request, context, permission):
        return ACLHelper().permits(context, self.principals, permission)


def request_as(config, *principals, user=None):
    config.set_security_policy(PrincipalsPolicy(principals, user))
    return testing.DummyRequest()


def test_definition_errors_are_caught_when_the_workflow_is_built():
    with pytest.raises(WorkflowError):
        Workflow("x", (State("a", "A"),), (), initial="b")
    with pytest.raises(WorkflowError):
        Workflow("x", (State("a", "A"),), (Transition("t", "T", ("a",), "zz", "p"),), "a")
    with pytest.raises(WorkflowError):
        Workflow("x", (State("a", "A"), State("a", "A")), (), "a")
    with pytest.raises(WorkflowError):  # every transition needs a permission
        Workflow("x", (State("a", "A"),), (Transition("t", "T", ("a",), "a", ""),), "a")


def test_initialize_sets_state_history_and_the_states_acl():
    doc = Doc()
    WF.initialize(doc)
    assert doc.state == "draft"
    assert list(doc.workflow_history) == []
    assert doc.__acl__ == owner_acl(doc)


def test_allowed_transitions_follow_state_and_permission(config):
    doc = Doc()
    WF.initialize(doc)
    assert [t.name for t in WF.allowed(doc, request_as(config, "user:alice"))] == ["publish"]
    assert WF.allowed(doc, request_as(config, "user:bob")) == []


def test_transition_records_applies_acl_and_fires_events(config):
    clock = FrozenClock(datetime(2026, 3, 2, 1, 0, tzinfo=UTC))
    config.registry.portal_clock = clock
    seen = []
    config.add_subscriber(seen.append, WorkflowTransitioned)
    config.add_subscriber(seen.append, ObjectModified)
    doc = Doc()
    WF.initialize(doc)
    request = request_as(config, "user:alice", user=FakeUser())
    entry = WF.transition(doc, "publish", request, comment=" ok ")
    assert doc.state == "public"
    assert (Allow, Everyone, "view") in doc.__acl__
    assert (entry.when, entry.actor, entry.from_state, entry.to_state, entry.comment) == (
        clock.now(),
        "alice",
        "draft",
        "public",
        "ok",
    )
    assert WF.history(doc) == [entry]
    assert entry.as_dict()["from"] == "draft"
    assert [type(e) for e in seen] == [WorkflowTransitioned, ObjectModified]
    assert seen[0].transition.name == "publish" and seen[0].entry is entry
    assert seen[0].workflow is WF and seen[0].record.when == clock.now()
    assert seen[0].record.actor_title == "alice"


def test_transition_refused_without_permission_wrong_state_or_comment(config):
    doc = Doc()
    WF.initialize(doc)
    with pytest.raises(TransitionNotAllowed) as refused:
        WF.transition(doc, "publish", request_as(config, "user:bob"))
    assert refused.value.reason == "not_permitted"
    with pytest.raises(TransitionNotAllowed) as refused:
        WF.transition(doc, "hide", request_as(config, "user:alice"))
    assert refused.value.reason == "not_possible"
    with pytest.raises(TransitionNotAllowed):
        WF.transition(doc, "no-such", request_as(config, "user:alice"))
    WF.transition(doc, "publish", request_as(config, "user:alice"))
    with pytest.raises(TransitionNotAllowed) as refused:  # comment required
        WF.transition(doc, "hide", request_as(config, "role:boss"), comment="  ")
    assert refused.value.reason == "comment_required"
    assert refused.value.message == "Please give the reasons in the comment."
    entry = WF.transition(doc, "hide", request_as(config, "role:boss"), comment="outdated")
    assert entry.actor == "system" and doc.state == "draft"
    assert len(WF.history(doc)) == 2
