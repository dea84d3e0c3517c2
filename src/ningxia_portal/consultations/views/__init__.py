"""Pages of the consultation domain: ask, the lists, one consultation, the FAQ."""

from ningxia_portal.consultations import workflow
from ningxia_portal.consultations.resources import QUEUE_LIST
from ningxia_portal.core.clock import local_iso
from ningxia_portal.indexing.lists import scope_lists
from ningxia_portal.security.permissions import ADMIN, ENTERPRISE, Roles, grant

REVIEWER = grant(Roles.REVIEWER, "")  # the start of every reviewer grant's principal


def is_staff(request):
    """Reviewers (of any department or center) and admins answer consultations."""
    principals = request.effective_principals
    return ADMIN in principals or any(p.startswith(REVIEWER) for p in principals)


def is_enterprise(request):
    return request.identity is not None and ENTERPRISE in request.effective_principals


def waiting_count(request):
    """Unanswered consultations in the staff member's scopes (the header's badge): a few
    counters of the lists, never an object. None for everyone else (no badge)."""
    if request.identity is None or not is_staff(request):
        return None
    index = request.root.catalog["consultation_lists"]
    lists = scope_lists(index, QUEUE_LIST, request.effective_principals)
    return index.counts(lists, "answered").get("0", 0)


def state_title(request, state):
    return request.localizer.translate(workflow.STATE_TITLES.get(state, state))


def summary(request, consultation, url=None, staff=True):
    """What lists and JSON answers show of a consultation (the asker's own or the staff's:
    both may see the name and phone)."""
    return {
        "id": consultation.__name__,
        "url": url or request.resource_url(consultation),
        "subject": consultation.subject,
        "asker": consultation.asker,
        "enterprise": consultation.enterprise,
        "phone": consultation.phone,
        "center": consultation.center_code,
        "center_title": consultation.center_title,
        "department": consultation.department_key,
        "department_title": consultation.department_title,
        "state": consultation.state,
        "state_title": state_title(request, consultation.state),
        "answered": consultation.is_answered,
        "created": local_iso(consultation.created),
        "answered_at": local_iso(consultation.answered),
        "published_at": local_iso(consultation.published),
    }


def faq_entry(request, consultation):
    """What the public FAQ shows of a published consultation: never a name or a phone."""
    return {
        "subject": consultation.subject,
        "question": consultation.content,
        "answer": consultation.answer,
        "department": consultation.department_key,
        "department_title": consultation.department_title,
        "published_at": local_iso(consultation.published),
    }
