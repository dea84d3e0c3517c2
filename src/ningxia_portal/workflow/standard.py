"""The usual workflow of an object that belongs to an enterprise and is handled by staff.

Cases, appointments, consultations and complaints all keep their state on the object, compute
its ACL from it (owner, admins, the staff of its scopes, nobody else), record each move as a
plain record in ``history``, bump ``revision`` and stamp ``modified``. A domain says only
what differs::

    appointment_workflow = owned_workflow(
        "appointment", BOOKED, STATE_TITLES, appointment_acl, TRANSITIONS,
        after_transition=give_the_place_back,     # after ``modified`` is stamped
        not_possible=_("…"), not_permitted=_("…"), comment_required=_("…"), stale=_("…"),
    )

with an ACL built by ``owned_acl(obj.owner, OWNER_PERMISSIONS, reviewers(obj), STAFF, …)``.
"""

from pyramid.authorization import ALL_PERMISSIONS, DENY_ALL, Allow, Deny, Everyone

from ningxia_portal.security.permissions import ADMIN, Roles, grant, user_principal
from ningxia_portal.workflow.engine import COMPUTED_ACL, State, Workflow
from ningxia_portal.workflow.history import PlainRecords


def owned_acl(owner, owner_permissions, staff, staff_permissions, owner_only=()):
    """The owner; then nobody else the owner's own actions (``owner_only``; admins
    included); admins; each of the ``staff`` principals; nobody else."""
    return [
        (Allow, user_principal(owner), owner_permissions),
        *([(Deny, Everyone, owner_only)] if owner_only else []),
        (Allow, ADMIN, ALL_PERMISSIONS),
        *((Allow, principal, staff_permissions) for principal in staff),
        DENY_ALL,
    ]


def reviewers(obj):
    """The principals of the reviewers granted on the object's department or center."""
    return [grant(Roles.REVIEWER, scope) for scope in obj.reviewer_scopes]


def stamp_modified(then=None):
    """An ``after_transition`` that stamps ``modified`` with the move's time, then calls
    ``then(obj, record)`` for what else the domain keeps on the object."""

    def after_transition(obj, record):
        obj.modified = record.when
        if then is not None:
            then(obj, record)

    return after_transition


def owned_workflow(
    name,
    initial,
    state_titles,
    acl,
    transitions,
    *,
    not_possible,
    not_permitted,
    comment_required,
    stale,
    state_acls=None,
    guards=(),
    after_transition=None,
):
    """A ``Workflow`` with one state per ``state_titles`` entry, each with the computed
    ``acl`` unless ``state_acls`` names another; plain records in ``history``; the
    ``revision`` check; ``modified`` stamped before ``after_transition``; the refusals
    worded for the object."""
    state_acls = state_acls or {}
    return Workflow(
        name=name,
        initial=initial,
        states=tuple(
            State(state, title, state_acls.get(state, acl)) for state, title in state_titles.items()
        ),
        transitions=transitions,
        acl=COMPUTED_ACL,
        history=PlainRecords("history"),
        guards=guards,
        revision_attr="revision",
        after_transition=stamp_modified(after_transition),
        messages={
            "not_possible": not_possible,
            "not_permitted": not_permitted,
            "comment_required": comment_required,
            "stale": stale,
        },
    )
