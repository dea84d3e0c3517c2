"""The home page's "latest announcements" block: the newest 5 of the visitor's region."""

from ningxia_portal.announcements.queries import latest_published
from ningxia_portal.announcements.views import scope_title, selected_center, shown_date

HOME_BLOCK_TEMPLATE = "ningxia_portal:announcements/templates/home_block.jinja2"
HOME_BLOCK_SIZE = 5


def visitor_region(request):
    """The center the visitor chose (the ``center`` parameter until a region choice exists)."""
    return selected_center(request)


def latest_for_home(request):
    """What ``home_block.jinja2`` shows: the region's newest published announcements."""
    center = visitor_region(request)
    items = latest_published(request, center=center, limit=HOME_BLOCK_SIZE)
    return {
        "items": [{"a": a, "date": shown_date(a), "scope": scope_title(request, a)} for a in items],
        "more_url": request.resource_url(request.root["announcements"], query=_query(center)),
    }


def _query(center):
    return {"center": center} if center else {}
