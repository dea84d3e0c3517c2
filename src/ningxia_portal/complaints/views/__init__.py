"""Pages of the complaint domain: 我要投诉, the lists, one complaint, its files."""

from ningxia_portal.complaints.workflow import SCORE_TITLES, STATE_TITLES
from ningxia_portal.core.clock import local_iso
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import ADMIN, Roles, grant

HANDLER = grant(Roles.COMPLAINT_HANDLER, "")  # the start of every handler grant's principal
# What the complainant reads in place of a handler's name: handlers act for the center.
HANDLER_TITLE = _("Complaint handler")


def is_handler(request):
    """Complaint handlers (of any center) and admins get the handlers' queue."""
    principals = request.effective_principals
    return ADMIN in principals or any(p.startswith(HANDLER) for p in principals)


def state_title(request, state):
    return request.localizer.translate(STATE_TITLES.get(state, state))


def actor_shown(request, complaint, entry):
    """Who made a move, as the viewer reads it: the complainant sees their own name and,
    for any other move, "投诉处理人员" (never a handler's name); staff see names."""
    if request.authenticated_userid == complaint.owner and entry["actor"] != complaint.owner:
        return request.localizer.translate(HANDLER_TITLE)
    return entry["actor_title"]


def rating_of(request, complaint):
    rating = complaint.rating
    if rating is None:
        return None
    return {
        "score": rating["score"],
        "score_title": request.localizer.translate(SCORE_TITLES[rating["score"]]),
        "comment": rating["comment"],
        "time": local_iso(rating["time"]),
    }


def complaint_summary(request, complaint, url=None):
    """What lists and JSON answers show of a complaint (never its files' content)."""
    return {
        "id": complaint.__name__,
        "url": url or request.resource_url(complaint),
        "subject": complaint.subject,
        "center": complaint.center_code,
        "center_title": complaint.center_title,
        "department": complaint.department_key,
        "department_title": complaint.department_title,
        "enterprise": complaint.enterprise,
        "state": complaint.state,
        "state_title": state_title(request, complaint.state),
        "created": local_iso(complaint.created),
        "modified": local_iso(complaint.modified),
        "reply": complaint.reply,
        "rating": rating_of(request, complaint),
    }
