"""Workflows as Python data, after Substance D's ACLWorkflow: one engine for every domain.

A domain declares its workflow in its own ``workflow.py`` and runs everything through it
(announcements/workflow.py and filings/workflow.py are the two examples)::

    from ningxia_portal.workflow import COMPUTED_ACL, PlainRecords, State, Transition, Workflow

    def owner_acl(obj):                       # an ACL may be computed from the object
        return [(Allow, user_principal(obj.owner), (P.VIEW, P.CANCEL)), DENY_ALL]

    def before_the_slot(obj, transition):     # a guard: None, or why not (translatable)
        return _("The slot has passed.") if obj.slot_passed() else None

    appointment_workflow = Workflow(
        name="appointment",
        initial="booked",
        states=(
            State("booked", _("Booked"), owner_and_staff_acl),
            State("approved", _("Approved"), owner_and_staff_acl),
            State("cancelled", _("Cancelled"), owner_acl),
        ),
        transitions=(
            Transition("approve", _("Approve"), ("booked",), "approved", P.APPROVE),
            Transition("cancel", _("Cancel"), ("booked", "approved"), "cancelled", P.CANCEL,
                       guards=(before_the_slot,)),
        ),
        acl=COMPUTED_ACL,          # or STORED_ACL (default): each state's ACL on the object
        history=PlainRecords(),    # or PersistentEntries() (default): HistoryEntry objects
        guards=(),                 # guards of every transition
        revision_attr="revision",  # optional: forms carry it, a changed object is refused
        after_transition=None,     # optional: (obj, record) after each move
        messages={"not_possible": _("…")},  # optional: the refusals' wording
    )

* **States** carry their ACL: ``STORED_ACL`` writes it on the object at every move
  (``apply_acl`` again after data it reads changed); ``COMPUTED_ACL`` stores nothing and the
  class says ``__acl__ = property(appointment_workflow.acl)``.
* **Transitions** may leave several states; each names the permission it needs and may
  require a comment. **Guards** (the workflow's, then the transition's) say why an object
  can't move, whoever asks — ``possible``/``is_final`` ignore permissions, ``allowed`` adds them.
* **Moving**: ``transition(obj, name, request, comment=…, revision=…, extra=…)``, or
  ``begin(…)`` then ``finish(extra=…)`` when the domain changes the object in between.
  ``permits``, ``actor``/``actor_title``, ``now`` and ``notify`` default to the request's;
  scripts and loaders pass them (``permits=system_permits``). Refusals raise
  ``TransitionNotAllowed`` or ``StaleObject`` with a translatable ``message``.
* **History**: one entry per move — ``PersistentEntries`` (a ``HistoryEntry`` each: when,
  actor, transition, from_state, to_state, comment) or ``PlainRecords`` (a dict each inside
  the list's record: time, actor, actor_title, transition, from_state, to_state, comment and
  ``extra``), in the attribute the store names (``workflow_history``, ``history``).
* **The usual case** (``standard.py``): an object an enterprise owns and staff handle —
  ``owned_workflow`` (computed ACL, plain records, revision, ``modified`` stamped) and
  ``owned_acl`` (owner, admins, the staff of its scopes, nobody else).
* **Events**: every move fires ``WorkflowTransitioned`` (subscribers tell workflows apart by
  ``event.workflow``) then ``ObjectModified``, on which the catalog reindexes the object.
"""

from ningxia_portal.workflow.engine import (
    COMPUTED_ACL,
    STORED_ACL,
    Move,
    StaleObject,
    State,
    Transition,
    TransitionNotAllowed,
    Workflow,
    WorkflowError,
    WorkflowTransitioned,
    actor_of,
    actor_title_of,
    request_permits,
    system_permits,
)
from ningxia_portal.workflow.history import (
    HistoryEntry,  # pickled by stored announcements as ningxia_portal.workflow.HistoryEntry
    PersistentEntries,
    PlainRecords,
    Record,
)
from ningxia_portal.workflow.standard import owned_acl, owned_workflow, reviewers, stamp_modified

__all__ = [
    "COMPUTED_ACL",
    "STORED_ACL",
    "HistoryEntry",
    "Move",
    "PersistentEntries",
    "PlainRecords",
    "Record",
    "StaleObject",
    "State",
    "Transition",
    "TransitionNotAllowed",
    "Workflow",
    "WorkflowError",
    "WorkflowTransitioned",
    "actor_of",
    "actor_title_of",
    "owned_acl",
    "owned_workflow",
    "request_permits",
    "reviewers",
    "stamp_modified",
    "system_permits",
]
