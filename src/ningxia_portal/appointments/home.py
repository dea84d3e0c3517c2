"""What appointments put on other pages: 在线预约 on items, the home page's 预约信息, the
header's counts."""

from itertools import islice

from ningxia_portal.appointments.resources import MINE_LIST, QUEUE_LIST, UPCOMING_LIST
from ningxia_portal.core.clock import get_clock
from ningxia_portal.filings.views.listing import is_staff
from ningxia_portal.indexing.lists import scope_lists
from ningxia_portal.security.permissions import ENTERPRISE

INDEX = "appointment_lists"


def is_enterprise(request):
    return request.identity is not None and ENTERPRISE in request.effective_principals


def book_available(item, request):
    """Visitors see the button (it leads through login); staff don't, enterprises do."""
    return request.identity is None or ENTERPRISE in request.effective_principals


def nav_available(request):
    return is_enterprise(request) or is_staff(request)


def nav_title(request):
    from ningxia_portal.i18n import _

    return _("My appointments") if is_enterprise(request) else _("Appointments to answer")


def waiting_count(request):
    """Staff: the appointments awaiting their reply (a counter per list); none for others."""
    if is_enterprise(request) or not is_staff(request):
        return None
    index = request.root.catalog.get(INDEX)
    if index is None:
        return None
    lists = scope_lists(index, QUEUE_LIST, request.effective_principals)
    return index.counts(lists, "pending").get("1", 0)


def appointments_block(request):
    """预约信息: how many the enterprise booked and how many were answered, and its next
    approved appointment with a reminder to come on time (None: no block)."""
    if not is_enterprise(request):
        return None
    root = request.root
    index = root.catalog.get(INDEX)
    if index is None:
        return None
    user = request.identity.username
    mine = MINE_LIST + user
    replied = index.counts([mine], "replied").get("1", 0)
    now = get_clock(request.registry).now()
    upcoming = index.docids([UPCOMING_LIST + user], (((now.timestamp(),), None),))
    get = root.docmap.get
    following = next((a for a in map(get, islice(upcoming, 5)) if a is not None), None)
    return {
        "booked": index.size(mine),
        "replied": replied,
        "next": following,
        "url": request.resource_url(root["appointments"]),
        "new_url": request.resource_url(root["appointments"], "new"),
    }
