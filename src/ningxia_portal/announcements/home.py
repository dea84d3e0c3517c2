"""The home page's "latest announcements" block: the newest 5 of the visitor's region."""

from ningxia_portal.announcements.queries import latest_published
from ningxia_portal.announcements.views import scope_title, shown_date, visitor_region

HOME_BLOCK_TEMPLATE = "ningxia_portal:announcements/templates/home_block.jinja2"
HOME_BLOCK_ORDER = 20  # after "my filings" (10), before the home page's own sections
HOME_BLOCK_SIZE = 5


def latest_for_home(request):
    """The block's values: the region's newest published announcements, and a link to more."""
    center = visitor_region(request)
    items = latest_published(request, center=center, limit=HOME_BLOCK_SIZE)
    query = {"center": center} if center else {}
    return {
        "items": [{"a": a, "date": shown_date(a), "scope": scope_title(request, a)} for a in items],
        "more_url": request.resource_url(request.root["announcements"], query=query),
    }
