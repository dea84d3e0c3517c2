"""What complaints put on other pages: the home page's block and the header's link."""

from ningxia_portal.complaints.resources import MINE_LIST
from ningxia_portal.complaints.views import is_handler
from ningxia_portal.complaints.workflow import CLOSED, REPLIED
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import ENTERPRISE


def is_enterprise(request):
    return request.identity is not None and ENTERPRISE in request.effective_principals


def my_complaints_block(request):
    """我要投诉 and the enterprise's counts, from its list's counters (None: no block)."""
    if not is_enterprise(request):
        return None
    root = request.root
    index = root.catalog.get("complaint_lists")
    mine = MINE_LIST + request.identity.username
    states = (index.counts([mine], "state") or {}) if index is not None else {}
    complaints = root["complaints"]
    return {
        "total": index.size(mine) if index is not None else 0,
        "answered": states.get(REPLIED, 0) + states.get(CLOSED, 0),
        "new_url": request.resource_url(complaints, "new"),
        "list_url": request.resource_url(complaints),
    }


def nav_available(request):
    return is_enterprise(request) or is_handler(request)


def nav_title(request):
    return _("Complaints to handle") if is_handler(request) else _("My complaints")


def nav_count(request):
    """Handlers: the complaints received or being handled in their centers."""
    if not is_handler(request):
        return None
    from ningxia_portal.complaints.views.listing import waiting_count

    return waiting_count(request)
