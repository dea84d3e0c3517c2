"""Workflows as Python data, after Substance D's ACLWorkflow.

A ``Workflow`` names its states (each with the ACL it applies to the object) and its
transitions (each with the permission it needs). ``transition()`` checks that permission on
the object, moves the state, applies the new state's ACL, records who/when/from/to/comment
in the object's history and fires ``WorkflowTransitioned`` then ``ObjectModified`` (so the
catalog reindexes the object, its ``state`` and ``allowed`` indexes included).

Domains define their own workflow with this machinery (announcements, filings …).
"""

from dataclasses import dataclass, field

from persistent import Persistent
from persistent.list import PersistentList

from ningxia_portal.core.clock import get_clock
from ningxia_portal.core.events import ObjectModified


class WorkflowError(Exception):
    """A workflow was defined wrongly or asked for something impossible."""


class TransitionNotAllowed(WorkflowError):  # noqa: N818 - reads as a sentence where raised
    """The transition doesn't exist from the object's state, or the actor lacks its permission."""


@dataclass(frozen=True)
class State:
    """A state and the ACL it puts on the object: a list, or a callable ``acl(obj) -> list``."""

    name: str
    title: str
    acl: object = ()

    def acl_for(self, obj):
        acl = self.acl(obj) if callable(self.acl) else self.acl
        return list(acl)


@dataclass(frozen=True)
class Transition:
    """A move from any of ``sources`` to ``target``, allowed to holders of ``permission``."""

    name: str
    title: str
    sources: tuple
    target: str
    permission: str
    comment_required: bool = False


class HistoryEntry(Persistent):
    """One recorded transition: when (aware UTC), who (username or ``system``), from, to, why."""

    def __init__(self, when, actor, transition, from_state, to_state, comment=""):
        self.when = when
        self.actor = actor
        self.transition = transition
        self.from_state = from_state
        self.to_state = to_state
        self.comment = comment

    def as_dict(self):
        return {
            "when": self.when.isoformat(),
            "actor": self.actor,
            "transition": self.transition,
            "from": self.from_state,
            "to": self.to_state,
            "comment": self.comment,
        }


class WorkflowTransitioned:
    """Fired after an object moved from one state to another."""

    def __init__(self, obj, workflow, transition, from_state, to_state, request, entry):
        self.object = obj
        self.workflow = workflow
        self.transition = transition
        self.from_state = from_state
        self.to_state = to_state
        self.request = request
        self.entry = entry


def actor_of(request):
    """The username to record for a request (``system`` for loaders and scripts)."""
    identity = getattr(request, "identity", None) if request is not None else None
    return getattr(identity, "username", None) or "system"


@dataclass
class Workflow:
    """States, transitions and the attributes they live in on the object."""

    name: str
    states: tuple
    transitions: tuple
    initial: str
    state_attr: str = "state"
    history_attr: str = "workflow_history"
    _states: dict = field(init=False, repr=False)
    _transitions: dict = field(init=False, repr=False)

    def __post_init__(self):
        self._states = {s.name: s for s in self.states}
        self._transitions = {t.name: t for t in self.transitions}
        if len(self._states) != len(self.states) or len(self._transitions) != len(self.transitions):
            raise WorkflowError(f"{self.name}: duplicate state or transition names")
        if self.initial not in self._states:
            raise WorkflowError(f"{self.name}: unknown initial state {self.initial!r}")
        for t in self.transitions:
            unknown = [s for s in (*t.sources, t.target) if s not in self._states]
            if unknown:
                raise WorkflowError(f"{self.name}: transition {t.name} names {unknown}")

    # -- reading -------------------------------------------------------------------------
    def state_of(self, obj):
        return getattr(obj, self.state_attr, None)

    def state(self, name):
        return self._states[name]

    def get_transition(self, name):
        return self._transitions.get(name)

    def history(self, obj):
        return list(getattr(obj, self.history_attr, ()) or ())

    def transitions_from(self, state):
        return [t for t in self.transitions if state in t.sources]

    def allowed_transitions(self, obj, request):
        """The transitions from the object's state whose permission the request holds on it."""
        return [
            t
            for t in self.transitions_from(self.state_of(obj))
            if request.has_permission(t.permission, obj)
        ]

    # -- writing -------------------------------------------------------------------------
    def initialize(self, obj, state=None):
        """Put a new object in the initial state (or ``state``, for loaders) with its ACL."""
        name = state or self.initial
        if name not in self._states:
            raise WorkflowError(f"{self.name}: unknown state {name!r}")
        setattr(obj, self.state_attr, name)
        if getattr(obj, self.history_attr, None) is None:
            setattr(obj, self.history_attr, PersistentList())
        self.apply_acl(obj)

    def apply_acl(self, obj):
        """(Re)apply the current state's ACL: after a transition, or after data it uses changed."""
        obj.__acl__ = self._states[self.state_of(obj)].acl_for(obj)

    def transition(self, obj, request, name, comment=""):
        """Move ``obj`` along transition ``name`` as the request's user; returns the record.

        Raises TransitionNotAllowed when the transition doesn't start from the object's
        state, the request lacks its permission, or a required comment is missing.
        """
        t = self._transitions.get(name)
        current = self.state_of(obj)
        if t is None or current not in t.sources:
            raise TransitionNotAllowed(f"{name!r} is not possible from {current!r}")
        if not request.has_permission(t.permission, obj):
            raise TransitionNotAllowed(f"{name!r} needs the {t.permission!r} permission")
        comment = (comment or "").strip()
        if t.comment_required and not comment:
            raise TransitionNotAllowed(f"{name!r} needs a comment")
        entry = HistoryEntry(
            get_clock(request.registry).now(), actor_of(request), name, current, t.target, comment
        )
        setattr(obj, self.state_attr, t.target)
        if getattr(obj, self.history_attr, None) is None:
            setattr(obj, self.history_attr, PersistentList())
        getattr(obj, self.history_attr).append(entry)
        self.apply_acl(obj)
        registry = request.registry
        registry.notify(WorkflowTransitioned(obj, self, t, current, t.target, request, entry))
        registry.notify(ObjectModified(obj))
        return entry
