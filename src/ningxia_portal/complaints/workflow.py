"""The complaint workflow, as data for the portal's workflow engine (``ningxia_portal.workflow``).

```
received ─take─▶ handling ─reply─▶ replied ─close─▶ closed
                                      └──rate (once)──▶ closed ─rate (once, if not yet)─▶ closed
```

A complaint is handled by the complaint handlers granted on its center
(``complaint_handler@<center>``) and by admins, never by the department complained about:
a reviewer of that department, or of the center, holds nothing on it. The handler takes
it, replies (the reply is required) and may close it once replied. The complainant rates
the handling once, when it is replied or closed; rating a replied complaint closes it (the
complainant has had the last word), so a handler need not wait for the rating, nor can a
complainant who never rates keep it open.

The ACL is computed from the complaint (``Complaint.__acl__``), the same in every state.
Each move appends a plain record to ``complaint.history`` (time, actor, actor_title,
transition, from_state, to_state, comment; a rating also ``score``) and bumps ``revision``.
"""

from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import Permissions, Roles, grant
from ningxia_portal.workflow import Transition, owned_acl, owned_workflow

P = Permissions

RECEIVED = "received"
HANDLING = "handling"
REPLIED = "replied"
CLOSED = "closed"

STATE_TITLES = {
    RECEIVED: _("Received"),
    HANDLING: _("Being handled"),
    REPLIED: _("Replied"),
    CLOSED: _("Closed"),
}
STATES = tuple(STATE_TITLES)
OPEN_STATES = frozenset({RECEIVED, HANDLING})  # waiting for a handler

# The complainant's rating of the handling (满意度评价).
SATISFIED = "satisfied"
FAIRLY_SATISFIED = "fairly_satisfied"
DISSATISFIED = "dissatisfied"
SCORE_TITLES = {
    SATISFIED: _("Satisfied"),
    FAIRLY_SATISFIED: _("Fairly satisfied"),
    DISSATISFIED: _("Dissatisfied"),
}

# -- who may do what ------------------------------------------------------------------------
OWNER_ONLY = (P.RATE_COMPLAINT,)  # nobody rates in the complainant's name, admins included
OWNER_PERMISSIONS = (P.VIEW, P.DOWNLOAD_COMPLAINT, *OWNER_ONLY)
HANDLER_PERMISSIONS = (
    P.VIEW,
    P.DOWNLOAD_COMPLAINT,
    P.TAKE_COMPLAINT,
    P.REPLY_COMPLAINT,
    P.CLOSE_COMPLAINT,
)


def handler_principal(center_code):
    """The principal of the complaint handlers of a center: ``complaint_handler@640100``."""
    return grant(Roles.COMPLAINT_HANDLER, center_code)


def complaint_acl(complaint):
    """The complainant; nobody else rates; admins; the handlers of the complaint's center;
    nobody else (not the department complained about, nor any reviewer)."""
    return owned_acl(
        complaint.owner,
        OWNER_PERMISSIONS,
        (handler_principal(complaint.center_code),),
        HANDLER_PERMISSIONS,
        owner_only=OWNER_ONLY,
    )


# -- guards -----------------------------------------------------------------------------------
NOT_AVAILABLE = _("This action is not available for the complaint in its current state.")
ALREADY_RATED = _("You have already rated the handling of this complaint.")
STALE = _("This complaint has just been changed by someone else. Please review it and try again.")


def not_rated_yet(complaint, transition):
    """A complaint is rated once."""
    return ALREADY_RATED if complaint.rating is not None else None


TRANSITIONS = (
    Transition("take", _("Take it on"), (RECEIVED,), HANDLING, P.TAKE_COMPLAINT),
    Transition(
        "reply", _("Give the reply"), (HANDLING,), REPLIED, P.REPLY_COMPLAINT, comment_required=True
    ),
    Transition("close", _("Close"), (REPLIED,), CLOSED, P.CLOSE_COMPLAINT),
    Transition(
        "rate",
        _("Rate the handling"),
        (REPLIED, CLOSED),
        CLOSED,
        P.RATE_COMPLAINT,
        guards=(not_rated_yet,),
    ),
)
HANDLER_TRANSITIONS = frozenset({"take", "reply", "close"})

complaint_workflow = owned_workflow(
    "complaint",
    RECEIVED,
    STATE_TITLES,
    complaint_acl,
    TRANSITIONS,
    not_possible=NOT_AVAILABLE,
    not_permitted=_("You are not allowed to take this action on the complaint."),
    comment_required=_("Please write the reply."),
    stale=STALE,
)
