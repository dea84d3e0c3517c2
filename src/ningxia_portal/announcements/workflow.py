"""The announcement workflow, as data: private → pending → published → retracted.

Editors of the portal (``role:editor``) act on every announcement; the editors of a center
(``editor@<code>``) only on announcements whose scope is that center. Only the published
state lets everyone view; every other state denies all but editors and admins, so drafts
stay out of pages, listings, search, the feed, JSON and downloads alike.

Each state's ACL is stored on the announcement; each move records a ``HistoryEntry`` in
``workflow_history`` and bumps ``revision``, which the transition form carries: an editor
who saw the page before someone else moved or edited the announcement is refused.
"""

from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone

from ningxia_portal.announcements.resources import center_editor
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import ADMIN, EDITOR, Permissions
from ningxia_portal.workflow import STORED_ACL, PersistentEntries, State, Transition, Workflow

PRIVATE = "private"
PENDING = "pending"
PUBLISHED = "published"
RETRACTED = "retracted"

_EDITOR_PERMISSIONS = (
    Permissions.VIEW,
    Permissions.EDIT_ANNOUNCEMENT,
    Permissions.PUBLISH,
)
_DENY_REST = (Deny, Everyone, ALL_PERMISSIONS)


def editors_of(announcement):
    """The principals that may edit and publish this announcement."""
    found = [EDITOR]
    if announcement.scope:
        found.append(center_editor(announcement.scope))
    return found


def _staff_acl(announcement):
    acl = [(Allow, ADMIN, ALL_PERMISSIONS)]
    acl.extend((Allow, p, _EDITOR_PERMISSIONS) for p in editors_of(announcement))
    return acl


def hidden_acl(announcement):
    """Editors and admins only."""
    return [*_staff_acl(announcement), _DENY_REST]


def public_acl(announcement):
    """Everyone may view; editors and admins keep their rights."""
    return [*_staff_acl(announcement), (Allow, Everyone, Permissions.VIEW), _DENY_REST]


STATE_TITLES = {
    PRIVATE: _("Draft"),
    PENDING: _("Pending review"),
    PUBLISHED: _("Published"),
    RETRACTED: _("Retracted"),
}

NOT_POSSIBLE = _("This action is not possible for this announcement.")

announcement_workflow = Workflow(
    name="announcement",
    initial=PRIVATE,
    history=PersistentEntries("workflow_history"),
    acl=STORED_ACL,
    revision_attr="revision",
    messages={
        "not_possible": NOT_POSSIBLE,
        "not_permitted": NOT_POSSIBLE,
        "comment_required": _("Please say why in the comment."),
        "stale": _(
            "This announcement has just been changed by someone else. "
            "Please review it and try again."
        ),
    },
    states=(
        State(PRIVATE, STATE_TITLES[PRIVATE], hidden_acl),
        State(PENDING, STATE_TITLES[PENDING], hidden_acl),
        State(PUBLISHED, STATE_TITLES[PUBLISHED], public_acl),
        State(RETRACTED, STATE_TITLES[RETRACTED], hidden_acl),
    ),
    transitions=(
        Transition(
            "submit", _("Submit for review"), (PRIVATE,), PENDING, Permissions.EDIT_ANNOUNCEMENT
        ),
        Transition(
            "publish",
            _("Publish"),
            (PRIVATE, PENDING),
            PUBLISHED,
            Permissions.PUBLISH,
        ),
        Transition(
            "reject",
            _("Send back to draft"),
            (PENDING,),
            PRIVATE,
            Permissions.PUBLISH,
            comment_required=True,
        ),
        Transition(
            "retract",
            _("Retract"),
            (PUBLISHED,),
            RETRACTED,
            Permissions.PUBLISH,
            comment_required=True,
        ),
        Transition(
            "redraft", _("Reopen as draft"), (RETRACTED,), PRIVATE, Permissions.EDIT_ANNOUNCEMENT
        ),
    ),
)
