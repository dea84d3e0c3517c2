"""The workflow engine: states, transitions and guards as data; one way to move an object.

``Workflow.transition`` (or ``begin`` … ``finish``, when the domain changes the object
between the checks and the move) checks, in this order: the form's revision (optional), the
transition starts from the object's state, no guard objects, the actor holds the permission,
a required comment is there. Any refusal raises before anything changed. Then it moves the
state, appends the history entry, bumps the revision, applies the state's ACL (stored ACLs),
runs the workflow's ``after_transition`` and fires ``WorkflowTransitioned`` then
``ObjectModified`` (the catalog reindexes on it).
"""

from ningxia_portal.core.clock import get_clock
from ningxia_portal.core.events import ObjectModified
from ningxia_portal.i18n import _
from ningxia_portal.workflow.history import PersistentEntries, Record

STORED_ACL = "stored"  # each state's ACL is written on the object (``obj.__acl__``)
COMPUTED_ACL = "computed"  # the object's ``__acl__`` property asks ``Workflow.acl(obj)``

DEFAULT_MESSAGES = {
    "not_possible": _("This action is not possible in the current state."),
    "not_permitted": _("You are not allowed to take this action."),
    "comment_required": _("Please give the reasons in the comment."),
    "stale": _("This has just been changed by someone else. Please review it and try again."),
}

_FROM_REQUEST = object()  # ``notify`` default: the request's registry, if there is a request


class WorkflowError(Exception):
    """A workflow refused or was defined wrongly; ``message`` says why (translatable)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class TransitionNotAllowed(WorkflowError):  # noqa: N818 - reads as a sentence where raised
    """Not from this state, a guard objects, no permission, or a required comment missing.

    ``reason`` is one of ``not_possible``, ``guard``, ``not_permitted``, ``comment_required``.
    """

    def __init__(self, message, reason):
        super().__init__(message)
        self.reason = reason


class StaleObject(WorkflowError):
    """The object changed (another transition, an edit) since the form was shown."""


class WorkflowTransitioned:
    """Fired after an object moved, by every workflow: ``record`` has the same fields for
    every domain, ``entry`` is what the domain's history stored."""

    def __init__(self, obj, workflow, transition, from_state, to_state, request, entry, record):
        self.object = obj
        self.workflow = workflow
        self.transition = transition
        self.from_state = from_state
        self.to_state = to_state
        self.request = request
        self.entry = entry
        self.record = record


class State:
    """A state and its ACL: a list, or a callable ``acl(obj) -> list``."""

    __slots__ = ("name", "title", "acl")

    def __init__(self, name, title, acl=()):
        self.name = name
        self.title = title
        self.acl = acl

    def acl_for(self, obj):
        return self.acl(obj) if callable(self.acl) else list(self.acl)

    def __repr__(self):
        return f"State({self.name!r})"


class Transition:
    """A move from any of ``sources`` to ``target`` for holders of ``permission``.

    ``guards``: callables ``guard(obj, transition)`` returning None to let the move happen,
    or a translatable message saying why not (the workflow's own guards apply as well).
    """

    __slots__ = ("name", "title", "sources", "target", "permission", "comment_required", "guards")

    def __init__(self, name, title, sources, target, permission, comment_required=False, guards=()):
        self.name = name
        self.title = title
        self.sources = (sources,) if isinstance(sources, str) else tuple(sources)
        self.target = target
        self.permission = permission
        self.comment_required = comment_required
        self.guards = tuple(guards)

    def __repr__(self):
        return f"Transition({self.name!r}: {self.sources} -> {self.target!r})"


def system_permits(permission, context):
    """``permits`` for loaders and scripts acting as the system: every permission."""
    return True


def request_permits(request):
    """``permits(permission, context)`` from the request's security policy."""
    return lambda permission, context: bool(request.has_permission(permission, context))


def _permits_of(request, workflow):
    if request is None:
        raise WorkflowError(f"{workflow.name}: without a request, pass permits=")
    return request_permits(request)


def actor_of(request):
    """The username to record for a request (``system`` for loaders and scripts)."""
    identity = getattr(request, "identity", None) if request is not None else None
    return getattr(identity, "username", None) or "system"


def actor_title_of(request):
    """The name to show for the actor: the account's title, else its username."""
    identity = getattr(request, "identity", None) if request is not None else None
    return getattr(identity, "title", None) or actor_of(request)


class Workflow:
    """A workflow as data, and the engine that runs it (see the package's docstring).

    ``history``: how entries are stored (``PersistentEntries()`` by default, or
    ``PlainRecords()``). ``acl``: ``STORED_ACL`` writes each state's ACL on the object,
    ``COMPUTED_ACL`` leaves it to the object's ``__acl__`` property (``Workflow.acl``).
    ``guards`` apply to every transition. ``revision_attr``: the attribute each transition
    bumps and ``revision=`` is checked against (forms carry it; None: no check).
    ``after_transition(obj, record)`` runs after the move, before the events.
    ``messages`` override the refusals' wording (keys of ``DEFAULT_MESSAGES``).
    """

    def __init__(
        self,
        name,
        states,
        transitions,
        initial,
        *,
        state_attr="state",
        history=None,
        acl=STORED_ACL,
        guards=(),
        revision_attr=None,
        after_transition=None,
        messages=None,
    ):
        self.name = name
        self.states = tuple(states)
        self.transitions = tuple(transitions)
        self.initial = initial
        self.state_attr = state_attr
        self.history_store = history if history is not None else PersistentEntries()
        self.acl_mode = acl
        self.guards = tuple(guards)
        self.revision_attr = revision_attr
        self.after_transition = after_transition
        self.messages = {**DEFAULT_MESSAGES, **(messages or {})}
        self._states = {s.name: s for s in self.states}
        self._transitions = {t.name: t for t in self.transitions}
        self._from = {
            s.name: tuple(t for t in self.transitions if s.name in t.sources) for s in states
        }
        self._check_definition()

    def _check_definition(self):
        if len(self._states) != len(self.states) or len(self._transitions) != len(self.transitions):
            raise WorkflowError(f"{self.name}: duplicate state or transition names")
        if self.initial not in self._states:
            raise WorkflowError(f"{self.name}: unknown initial state {self.initial!r}")
        if self.acl_mode not in (STORED_ACL, COMPUTED_ACL):
            raise WorkflowError(f"{self.name}: acl must be STORED_ACL or COMPUTED_ACL")
        for t in self.transitions:
            unknown = [s for s in (*t.sources, t.target) if s not in self._states]
            if unknown or not t.sources:
                raise WorkflowError(f"{self.name}: transition {t.name} names {unknown or 'no'}")
            if not t.permission:
                raise WorkflowError(f"{self.name}: transition {t.name} needs a permission")

    # -- reading -------------------------------------------------------------------------
    def state_of(self, obj):
        return getattr(obj, self.state_attr, None)

    def state(self, name):
        return self._states[name]

    def get_transition(self, name):
        return self._transitions.get(name)

    def transitions_from(self, state):
        """Every transition leaving ``state``, guards aside."""
        return list(self._from.get(state, ()))

    def history(self, obj):
        return self.history_store.entries(obj)

    def acl(self, obj):
        """The ACL of the object's state (what a computed ``__acl__`` returns)."""
        return self._states[self.state_of(obj)].acl_for(obj)

    def why_not(self, obj, transition):
        """Why ``transition`` can't leave the object's state, whoever asks (a translatable
        message), or None when it can: the state, then the workflow's and its own guards."""
        if self.state_of(obj) not in transition.sources:
            return self.messages["not_possible"]
        for guard in (*self.guards, *transition.guards):
            message = guard(obj, transition)
            if message:
                return message
        return None

    def possible(self, obj):
        """The transitions that may leave the object's state now, whoever asks."""
        return [t for t in self._from.get(self.state_of(obj), ()) if self.why_not(obj, t) is None]

    def is_final(self, obj):
        """No transition can leave the object's state, whoever asks."""
        return not self.possible(obj)

    def allowed(self, obj, request=None, *, permits=None):
        """The possible transitions whose permission the actor holds on the object."""
        permits = permits or _permits_of(request, self)
        return [t for t in self.possible(obj) if permits(t.permission, obj)]

    # -- writing -------------------------------------------------------------------------
    def initialize(self, obj, state=None):
        """Put a new object in the initial state (or ``state``, for loaders), with an empty
        history and, for stored ACLs, the state's ACL."""
        name = state or self.initial
        if name not in self._states:
            raise WorkflowError(f"{self.name}: unknown state {name!r}")
        setattr(obj, self.state_attr, name)
        self.history_store.ensure(obj)
        self.apply_acl(obj)

    def apply_acl(self, obj):
        """(Re)write the state's ACL on the object after data it uses changed (stored ACLs;
        a computed ACL is always current)."""
        if self.acl_mode == STORED_ACL:
            obj.__acl__ = self.acl(obj)

    def transition(self, obj, name, request=None, *, extra=None, **kw):
        """Move ``obj`` along ``name``; returns the history entry. Refusals raise
        ``TransitionNotAllowed`` or ``StaleObject`` before anything changed.

        Keywords as ``begin``; ``extra``: more fields for plain-record histories.
        """
        return self.begin(obj, name, request, **kw).finish(extra=extra)

    def begin(
        self,
        obj,
        name,
        request=None,
        *,
        comment="",
        revision=None,
        permits=None,
        actor=None,
        actor_title=None,
        now=None,
        notify=_FROM_REQUEST,
    ):
        """Check everything and return the ``Move`` to ``finish()``; nothing changes yet.

        ``permits``, ``actor``/``actor_title``, ``now`` and ``notify`` default to the
        request's (``has_permission``, ``identity``, the clock, the registry); a script
        without a request passes them (``permits=system_permits``; no ``notify``: no events).
        """
        if revision is not None:
            self._check_revision(obj, revision)
        t = self._transitions.get(name)
        if t is None:
            raise TransitionNotAllowed(self.messages["not_possible"], "not_possible")
        why = self.why_not(obj, t)
        if why is not None:
            reason = "not_possible" if self.state_of(obj) not in t.sources else "guard"
            raise TransitionNotAllowed(why, reason)
        if not (permits or _permits_of(request, self))(t.permission, obj):
            raise TransitionNotAllowed(self.messages["not_permitted"], "not_permitted")
        comment = (comment or "").strip()
        if t.comment_required and not comment:
            raise TransitionNotAllowed(self.messages["comment_required"], "comment_required")
        if now is None:
            if request is None:
                raise WorkflowError(f"{self.name}: a transition needs a request or now=")
            now = get_clock(request.registry).now()
        if notify is _FROM_REQUEST:
            notify = request.registry.notify if request is not None else None
        return Move(
            self,
            obj,
            t,
            comment,
            actor or actor_of(request),
            actor_title or (actor if actor else actor_title_of(request)),
            now,
            request,
            notify,
        )

    def _check_revision(self, obj, revision):
        if self.revision_attr is None:
            raise WorkflowError(f"{self.name}: no revision_attr to check a revision against")
        try:
            stale = int(revision) != (getattr(obj, self.revision_attr, 0) or 0)
        except (TypeError, ValueError):
            stale = True
        if stale:
            raise StaleObject(self.messages["stale"])


class Move:
    """A checked transition, waiting for ``finish()``: the domain may change the object in
    between (a submission takes its case number, a supplement stores its files)."""

    def __init__(
        self, workflow, obj, transition, comment, actor, actor_title, now, request, notify
    ):
        self.workflow = workflow
        self.object = obj
        self.transition = transition
        self.from_state = workflow.state_of(obj)
        self.comment = comment
        self.actor = actor
        self.actor_title = actor_title
        self.now = now
        self.request = request
        self.notify = notify
        self.done = False

    def finish(self, extra=None):
        """Move the state, record, bump the revision, apply the ACL, fire the events."""
        wf, obj, t = self.workflow, self.object, self.transition
        if self.done or wf.state_of(obj) != self.from_state:
            raise WorkflowError(f"{wf.name}: {t.name} was finished already or the state moved")
        self.done = True
        record = Record(
            self.now,
            self.actor,
            self.actor_title,
            t.name,
            self.from_state,
            t.target,
            self.comment,
            dict(extra or {}),
        )
        setattr(obj, wf.state_attr, t.target)
        entry = wf.history_store.append(obj, record)
        if wf.revision_attr is not None:
            setattr(obj, wf.revision_attr, (getattr(obj, wf.revision_attr, 0) or 0) + 1)
        wf.apply_acl(obj)
        if wf.after_transition is not None:
            wf.after_transition(obj, record)
        if self.notify is not None:
            self.notify(
                WorkflowTransitioned(
                    obj, wf, t, self.from_state, t.target, self.request, entry, record
                )
            )
            self.notify(ObjectModified(obj))
        return entry
