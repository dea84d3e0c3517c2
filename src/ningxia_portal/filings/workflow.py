"""The filing workflow, as data for the portal's workflow engine (``ningxia_portal.workflow``).

```
draft ─submit─▶ submitted ─prereview─▶ prereview_passed ─accept─▶ accepted ─complete─▶ completed
                  │                                                   └─refuse─▶ not_permitted
                  ├─return (一次性告知)─▶ supplement_required ─supplement─▶ submitted
                  └─reject─▶ not_accepted
```

The item's online handling depth stops the flow (a guard of every transition): 网上预审
ends at ``prereview_passed``, 网上受理 at ``accepted``, 网上办结 runs to ``completed`` /
``not_permitted``. The owning enterprise alone submits and supplements; the reviewers of the
item's department or center (and admins) take the review transitions, one permission each.

The ACL is computed from the case (``Filing.__acl__``), never stored. Each move appends a
plain record to ``filing.history`` (time, actor, actor_title, transition, from_state,
to_state, comment, and ``materials`` for a return, ``round`` for a supplement), bumps
``revision`` (the forms' guard against acting on a case someone just changed) and fires
``WorkflowTransitioned`` then ``ObjectModified``.
"""

from pyramid.authorization import DENY_ALL, Allow

from ningxia_portal.catalogue.resources import DEPTH_ACCEPT, DEPTH_COMPLETE, DEPTH_PREREVIEW
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import Permissions, user_principal
from ningxia_portal.workflow import Transition, owned_acl, owned_workflow, reviewers

P = Permissions

DRAFT = "draft"
SUBMITTED = "submitted"
PREREVIEW_PASSED = "prereview_passed"
SUPPLEMENT_REQUIRED = "supplement_required"
NOT_ACCEPTED = "not_accepted"
ACCEPTED = "accepted"
COMPLETED = "completed"
NOT_PERMITTED = "not_permitted"

STATE_TITLES = {
    DRAFT: _("Draft"),
    SUBMITTED: _("Submitted, awaiting pre-review"),
    PREREVIEW_PASSED: _("Pre-review passed"),
    SUPPLEMENT_REQUIRED: _("Materials to supplement"),
    NOT_ACCEPTED: _("Not accepted"),
    ACCEPTED: _("Accepted"),
    COMPLETED: _("Completed"),
    NOT_PERMITTED: _("Not permitted"),
}
STATES = tuple(STATE_TITLES)

# Where each handling depth ends: no transition leaves these states for such an item.
DEPTH_STOPS = {
    DEPTH_PREREVIEW: frozenset({PREREVIEW_PASSED}),
    DEPTH_ACCEPT: frozenset({ACCEPTED}),
    DEPTH_COMPLETE: frozenset(),
}

# -- who may do what: the ACL of a case -------------------------------------------------
# The owner's own actions: nobody else takes them, admins included (an admin's supplement
# would show the enterprise the admin's comment as the reviewer's reply); nor its rating of
# the finished case (好差评, evaluations/).
OWNER_ONLY = (P.EDIT_FILING, P.SUPPLEMENT, P.EVALUATE)
OWNER_PERMISSIONS = (P.VIEW, *OWNER_ONLY, P.DOWNLOAD, P.PRINT_NOTICE)
REVIEWER_PERMISSIONS = (
    P.VIEW,
    P.DOWNLOAD,
    P.PRINT_NOTICE,
    P.PREREVIEW,
    P.ACCEPT,
    P.COMPLETE,
    P.REFUSE,
    P.RETURN,
    P.REJECT,
)


def draft_acl(filing):
    """A draft is the enterprise's own business: nobody else sees it, admins included (the
    deny comes before the admin grant of /filings/ above it)."""
    return [(Allow, user_principal(filing.owner), OWNER_PERMISSIONS), DENY_ALL]


def case_acl(filing):
    """The owner; then nobody else the owner's actions; admins; the reviewers granted on
    the item's department or center (``Filing.reviewer_scopes``); nobody else."""
    return owned_acl(
        filing.owner,
        OWNER_PERMISSIONS,
        reviewers(filing),
        REVIEWER_PERMISSIONS,
        owner_only=OWNER_ONLY,
    )


# -- guards and what a move changes besides the state -----------------------------------
NOT_AVAILABLE = _("This action is not available for the case in its current state.")
DEPTH_ENDS = _(
    "This action is not available for the case in its current state: the item is handled "
    "online only this far, the rest happens at the service hall."
)
STALE = _("This case has just been changed by someone else. Please review it and try again.")
# What the case page says where the item's depth ended the online flow.
GO_TO_THE_HALL = _(
    "The item is handled online only this far: the rest happens at the service hall."
)


def depth_ended(filing):
    """Has the item's handling depth ended the online flow in the case's state?"""
    return filing.state in DEPTH_STOPS.get(filing.depth, ())


def depth_stop(filing, transition):
    """No transition leaves a state where the item's handling depth ends."""
    return DEPTH_ENDS if depth_ended(filing) else None


def after_transition(filing, record):
    """The case is finished when nothing can move it any more."""
    if filing_workflow.is_final(filing):
        filing.finished = record.when


# -- the workflow ---------------------------------------------------------------------------
TRANSITIONS = (
    Transition("submit", _("Submit"), (DRAFT,), SUBMITTED, P.EDIT_FILING),
    Transition("prereview", _("Pass pre-review"), (SUBMITTED,), PREREVIEW_PASSED, P.PREREVIEW),
    Transition(
        "return",
        _("Return for supplement (one-time notice)"),
        (SUBMITTED,),
        SUPPLEMENT_REQUIRED,
        P.RETURN,
        comment_required=True,
    ),
    Transition("reject", _("Reject"), (SUBMITTED,), NOT_ACCEPTED, P.REJECT, comment_required=True),
    Transition(
        "supplement",
        _("Resubmit with supplemented materials"),
        (SUPPLEMENT_REQUIRED,),
        SUBMITTED,
        P.SUPPLEMENT,
    ),
    Transition("accept", _("Accept"), (PREREVIEW_PASSED,), ACCEPTED, P.ACCEPT),
    Transition("complete", _("Complete (approve)"), (ACCEPTED,), COMPLETED, P.COMPLETE),
    Transition("refuse", _("Refuse"), (ACCEPTED,), NOT_PERMITTED, P.REFUSE, comment_required=True),
)
# The enterprise's transitions (their own pages: apply, supplement) …
OWNER_TRANSITIONS = frozenset({"submit", "supplement"})
# … and the reviewers' (forms on the case page; their comment is the reply the owner reads).
REVIEW_TRANSITIONS = frozenset(t.name for t in TRANSITIONS) - OWNER_TRANSITIONS

filing_workflow = owned_workflow(
    "filing",
    DRAFT,
    STATE_TITLES,
    case_acl,
    TRANSITIONS,
    state_acls={DRAFT: draft_acl},
    guards=(depth_stop,),
    after_transition=after_transition,
    not_possible=NOT_AVAILABLE,
    not_permitted=_("You are not allowed to take this action on the case."),
    comment_required=_("Please give the reasons in the comment."),
    stale=STALE,
)
