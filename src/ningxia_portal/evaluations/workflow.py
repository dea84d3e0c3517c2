"""The rating's levels and dimensions, and the rectification (整改) workflow, as data for the
portal's workflow engine (``ningxia_portal.workflow``).

```
rated                                  (整体满意度 基本满意 or better: nothing to rectify)
open ─answer (整改情况)─▶ answered ─follow_up (追评, once)─▶ answered
```

An evaluation starts ``open`` when its 整体满意度 is 不满意 or 非常不满意, else ``rated``
(``Workflow.initialize(obj, state)``). Only the overall level opens a task: it is the
enterprise's verdict on the case, the one 好差评 counts as a 差评; a poor mark of one
dimension alone (平台操作性 concerns the portal, not the department) is shown to the
department's staff with the rating and in the averages, but asks no answer of them.

The reviewers of the case's department and center (and admins) answer the task; the answer
is required and closes it. The enterprise then may follow up once (a guarded step: answered
→ answered), never before the answer. The ACL is computed from the evaluation: its
enterprise, the reviewers of its department and center, admins, nobody else.
"""

from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.workflow import Transition, owned_acl, owned_workflow, reviewers

P = Permissions

# -- the five levels (values 5 … 1) and the five dimensions of a rating -----------------
VERY_SATISFIED, SATISFIED, FAIRLY_SATISFIED, DISSATISFIED, VERY_DISSATISFIED = 5, 4, 3, 2, 1
LEVEL_TITLES = {
    VERY_SATISFIED: _("Very satisfied"),
    SATISFIED: _("Satisfied"),
    FAIRLY_SATISFIED: _("Fairly satisfied"),
    DISSATISFIED: _("Dissatisfied"),
    VERY_DISSATISFIED: _("Very dissatisfied"),
}
LEVELS = tuple(LEVEL_TITLES)
POOR = DISSATISFIED  # this level or worse is a 差评

OVERALL = "overall"
DIMENSION_TITLES = {
    OVERALL: _("Overall satisfaction"),
    "efficiency": _("Efficiency of handling"),
    "guide": _("Accuracy of the service guide"),
    "convenience": _("Convenience of handling"),
    "platform": _("Ease of use of the platform"),
}
DIMENSIONS = tuple(DIMENSION_TITLES)


def is_poor(level):
    return level <= POOR


# -- states -----------------------------------------------------------------------------
RATED = "rated"
OPEN = "open"
ANSWERED = "answered"
STATE_TITLES = {
    RATED: _("Rated, nothing to rectify"),
    OPEN: _("Rectification open"),
    ANSWERED: _("Rectification answered"),
}
STATES = tuple(STATE_TITLES)
TASK_STATES = (OPEN, ANSWERED)

OWNER_ONLY = (P.FOLLOW_UP_EVALUATION,)  # nobody follows up in the enterprise's name
OWNER_PERMISSIONS = (P.VIEW, *OWNER_ONLY)
STAFF_PERMISSIONS = (P.VIEW, P.ANSWER_RECTIFICATION)


def evaluation_acl(evaluation):
    """The enterprise; nobody else follows up; admins; the reviewers of the case's
    department and center; nobody else (not a reviewer of another department)."""
    return owned_acl(
        evaluation.owner,
        OWNER_PERMISSIONS,
        reviewers(evaluation),
        STAFF_PERMISSIONS,
        owner_only=OWNER_ONLY,
    )


NOT_AVAILABLE = _("This action is not available for the evaluation in its current state.")
ALREADY_FOLLOWED_UP = _("You have already added your follow-up rating.")
STALE = _("This evaluation has just been changed by someone else. Please review it and try again.")


def not_followed_up_yet(evaluation, transition):
    """A follow-up rating is given once."""
    return ALREADY_FOLLOWED_UP if evaluation.follow_up is not None else None


TRANSITIONS = (
    Transition(
        "answer",
        _("Answer the rectification"),
        (OPEN,),
        ANSWERED,
        P.ANSWER_RECTIFICATION,
        comment_required=True,
    ),
    Transition(
        "follow_up",
        _("Add a follow-up rating"),
        (ANSWERED,),
        ANSWERED,
        P.FOLLOW_UP_EVALUATION,
        guards=(not_followed_up_yet,),
    ),
)

evaluation_workflow = owned_workflow(
    "evaluation",
    RATED,
    STATE_TITLES,
    evaluation_acl,
    TRANSITIONS,
    not_possible=NOT_AVAILABLE,
    not_permitted=_("You are not allowed to take this action on the evaluation."),
    comment_required=_("Please describe the rectification."),
    stale=STALE,
)
