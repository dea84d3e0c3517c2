"""What filings put on other pages: the 在线申报 button and the home page's "my filings"."""

from itertools import islice

from ningxia_portal.filings import workflow
from ningxia_portal.filings.resources import MINE_LIST
from ningxia_portal.security.permissions import ENTERPRISE

HOME_LIMIT = 5


def apply_available(item, request):
    """Visitors see the button (it leads through login); staff don't, enterprises do."""
    return request.identity is None or ENTERPRISE in request.effective_principals


def my_filings_block(request):
    """The newest five filings of the logged-in enterprise (None: no block)."""
    if request.identity is None or ENTERPRISE not in request.effective_principals:
        return None
    root = request.root
    lists = root.catalog["lists"]
    mine = [MINE_LIST + request.identity.username]  # the enterprise's own cases, newest first
    get = root.docmap.get
    filings = [f for f in map(get, islice(lists.docids(mine), HOME_LIMIT)) if f is not None]
    return {
        "filings": filings,
        "total": lists.size(mine[0]),
        "state_titles": workflow.STATE_TITLES,
        "filings_url": request.resource_url(root["filings"]),
    }
