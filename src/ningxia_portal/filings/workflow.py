"""The filing workflow as data (DESIGN.md), and the small engine that runs it.

States and transitions are plain data: each transition names its source and target state,
the permission it needs, whether a comment is required, and its button title. The item's
online handling depth stops the flow: 网上预审 ends at ``prereview_passed``, 网上受理 at
``accepted``, 网上办结 runs to ``completed``/``not_permitted``.

Every transition appends (time, actor, from, to, comment) to the case history, bumps the
case's ``revision`` (the optimistic-concurrency token of the forms) and fires
``FilingTransitioned`` then ``ObjectModified`` (so the catalog reindexes state and ACL).
"""

from dataclasses import dataclass

from ningxia_portal.catalogue.resources import DEPTH_ACCEPT, DEPTH_COMPLETE, DEPTH_PREREVIEW
from ningxia_portal.core.events import ObjectModified
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import Permissions

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


@dataclass(frozen=True)
class Transition:
    name: str
    source: str
    target: str
    permission: str
    title: str
    comment_required: bool = False
    by_reviewer: bool = True


TRANSITIONS = (
    Transition("submit", DRAFT, SUBMITTED, Permissions.EDIT_FILING, _("Submit"), by_reviewer=False),
    Transition(
        "prereview", SUBMITTED, PREREVIEW_PASSED, Permissions.PREREVIEW, _("Pass pre-review")
    ),
    Transition(
        "return",
        SUBMITTED,
        SUPPLEMENT_REQUIRED,
        Permissions.RETURN,
        _("Return for supplement (one-time notice)"),
        comment_required=True,
    ),
    Transition(
        "reject", SUBMITTED, NOT_ACCEPTED, Permissions.REJECT, _("Reject"), comment_required=True
    ),
    Transition(
        "supplement",
        SUPPLEMENT_REQUIRED,
        SUBMITTED,
        Permissions.SUPPLEMENT,
        _("Resubmit with supplemented materials"),
        by_reviewer=False,
    ),
    Transition("accept", PREREVIEW_PASSED, ACCEPTED, Permissions.ACCEPT, _("Accept")),
    Transition("complete", ACCEPTED, COMPLETED, Permissions.COMPLETE, _("Complete (approve)")),
    Transition(
        "refuse", ACCEPTED, NOT_PERMITTED, Permissions.REFUSE, _("Refuse"), comment_required=True
    ),
)
BY_NAME = {t.name: t for t in TRANSITIONS}


class WorkflowError(Exception):
    """A transition that may not happen; ``message`` is a translatable explanation."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class StaleCase(WorkflowError):
    """Someone else moved or changed the case since the form was shown."""

    def __init__(self):
        super().__init__(
            _("This case has just been changed by someone else. Please review it and try again.")
        )


class FilingTransitioned:
    """Fired after a transition; ``entry`` is the history entry just appended."""

    def __init__(self, filing, transition, entry):
        self.object = filing
        self.transition = transition
        self.entry = entry


def stops_at(depth):
    return DEPTH_STOPS.get(depth, frozenset())


def is_final(filing):
    """No transition can leave the case's state, whoever asks."""
    return not possible(filing)


def possible(filing):
    """Transitions the workflow offers from the case's state, whoever asks."""
    if filing.state in stops_at(filing.depth):
        return []
    return [t for t in TRANSITIONS if t.source == filing.state]


def allowed(filing, permits):
    """Transitions from the case's state that ``permits(permission, filing)`` allows."""
    return [t for t in possible(filing) if permits(t.permission, filing)]


def get_transition(filing, name, permits):
    """The named transition if the viewer may take it now, else WorkflowError."""
    transition = BY_NAME.get(name)
    if transition is None or transition not in possible(filing):
        raise WorkflowError(_("This action is not available for the case in its current state."))
    if not permits(transition.permission, filing):
        raise WorkflowError(_("You are not allowed to take this action on the case."))
    return transition


def transition(
    filing,
    name,
    *,
    actor,
    actor_title,
    now,
    permits,
    comment="",
    expected_revision=None,
    notify=None,
    extra=None,
):
    """Move the case along ``name``; return the history entry. Nothing changes on error."""
    if expected_revision is not None and int(expected_revision) != filing.revision:
        raise StaleCase()
    t = get_transition(filing, name, permits)
    comment = (comment or "").strip()
    if t.comment_required and not comment:
        raise WorkflowError(_("Please give the reasons in the comment."))
    entry = dict(  # plain data in the history list's record, written once
        time=now,
        actor=actor,
        actor_title=actor_title,
        transition=t.name,
        from_state=filing.state,
        to_state=t.target,
        comment=comment,
        **(extra or {}),
    )
    filing.history.append(entry)
    filing.state = t.target
    filing.touch(now)
    if notify is not None:
        notify(FilingTransitioned(filing, t, entry))
        notify(ObjectModified(filing))
    return entry
