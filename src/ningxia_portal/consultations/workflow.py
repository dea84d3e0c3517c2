"""The consultation workflow, as data for the portal's workflow engine.

```
asked ─answer─▶ answered ─publish─▶ published ─unpublish─▶ answered
```

The staff of the consultation's department or center (reviewers granted there) and admins
answer (the answer is the move's comment, so it is required) and publish: a published
consultation is shown, without the asker's name or phone, as a question and answer (常见问题)
on its department's page. Publishing is a state of its own rather than a flag, so that it
and its withdrawal are recorded like every other move (who, when, comment).

The ACL is computed from the consultation (``Consultation.__acl__``), never stored: the
asking enterprise reads it; the staff of its department and center read, answer and
publish; admins everything; nobody else anything.
"""

from ningxia_portal.i18n import _
from ningxia_portal.indexing.catalog import ChangeCounters, find_root
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.workflow import Transition, owned_acl, owned_workflow, reviewers

P = Permissions

ASKED = "asked"
ANSWERED = "answered"
PUBLISHED = "published"

STATE_TITLES = {
    ASKED: _("Not answered"),
    ANSWERED: _("Answered"),
    PUBLISHED: _("Answered, published as FAQ"),
}
STATES = tuple(STATE_TITLES)
ANSWERED_STATES = frozenset({ANSWERED, PUBLISHED})

# The catalog's change counter bumped when a department's FAQ changes: the anonymous
# department pages, kept rendered per version of it (web/pagecache.py), show it at once.
FAQ_CHANGES = "ConsultationFAQ"

OWNER_PERMISSIONS = (P.VIEW,)
STAFF_PERMISSIONS = (P.VIEW, P.ANSWER_CONSULTATION, P.PUBLISH_CONSULTATION)


def consultation_acl(consultation):
    """The asker; admins; the reviewers of the department and its center; nobody else."""
    return owned_acl(
        consultation.owner, OWNER_PERMISSIONS, reviewers(consultation), STAFF_PERMISSIONS
    )


def note_faq_change(root):
    """Bump the FAQ's change counter (created with the catalog's counters if missing)."""
    if root is None:
        return
    counters = getattr(root, "catalog_changes", None)
    if counters is None:
        counters = root.catalog_changes = ChangeCounters()
    counters.bump(FAQ_CHANGES)


def after_transition(consultation, record):
    """Keep what lists and pages read on the consultation itself."""
    if record.transition == "answer":
        consultation.answer = record.comment
        consultation.answered = record.when
        consultation.answered_by = record.actor_title
    elif record.transition in ("publish", "unpublish"):
        consultation.published = record.when if record.transition == "publish" else None
        note_faq_change(find_root(consultation))


TRANSITIONS = (
    Transition(
        "answer",
        _("Answer"),
        (ASKED,),
        ANSWERED,
        P.ANSWER_CONSULTATION,
        comment_required=True,
    ),
    Transition("publish", _("Publish as FAQ"), (ANSWERED,), PUBLISHED, P.PUBLISH_CONSULTATION),
    Transition(
        "unpublish", _("Withdraw from the FAQ"), (PUBLISHED,), ANSWERED, P.PUBLISH_CONSULTATION
    ),
)

NOT_AVAILABLE = _("This action is not available for the consultation in its current state.")
STALE = _(
    "This consultation has just been changed by someone else. Please review it and try again."
)

consultation_workflow = owned_workflow(
    "consultation",
    ASKED,
    STATE_TITLES,
    consultation_acl,
    TRANSITIONS,
    after_transition=after_transition,
    not_possible=NOT_AVAILABLE,
    not_permitted=_("You are not allowed to take this action on the consultation."),
    comment_required=_("Please write the answer."),
    stale=STALE,
)
