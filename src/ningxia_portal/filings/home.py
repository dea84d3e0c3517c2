"""What filings put on other pages: the 在线申报 button and the home page's "my filings"."""

from ningxia_portal.filings import workflow
from ningxia_portal.indexing.query import CatalogSearch
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
    search = CatalogSearch(root, request.effective_principals)
    result = search.execute(search.query("Filing", owner=request.identity.username))
    total = len(result) if result is not None else 0
    ids = search.sorted_ids(result, sort="created", reverse=True, limit=HOME_LIMIT)
    return {
        "filings": search.resolve(ids),
        "total": total,
        "state_titles": workflow.STATE_TITLES,
        "filings_url": request.resource_url(root["filings"]),
    }
