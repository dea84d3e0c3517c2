"""Catalog queries for announcements: published listings, the feed, the editors' desk."""

from pyramid.authorization import Everyone

from ningxia_portal.announcements.resources import CATEGORIES, REGION_WIDE
from ningxia_portal.announcements.workflow import PENDING, PRIVATE, PUBLISHED, RETRACTED
from ningxia_portal.core.root import root_factory
from ningxia_portal.indexing.query import CatalogSearch

CONTENT_TYPE = "Announcement"
MANAGE_STATES = (PRIVATE, PENDING, PUBLISHED, RETRACTED)


def region_codes(root, center):
    """The scopes a visitor of ``center`` is concerned by: whole region, it, its ancestors.

    None (no filter) when no center, or an unknown one, is chosen.
    """
    centers = root.get("centers")
    found = centers.get(center) if center and centers is not None else None
    if found is None:
        return None
    return [REGION_WIDE, *found.scope_codes]


def clean_category(value):
    return value if value in CATEGORIES else None


class AnnouncementSearch:
    """Published announcements a viewer may see, newest first, from the catalog only."""

    def __init__(self, request, principals=None):
        self.root = root_factory(request)
        principals = principals if principals is not None else request.effective_principals
        self.search = CatalogSearch(self.root, principals)

    def published(self, center=None, category=None, text=None, limit=None):
        """Docids (newest first, at most ``limit``) of published announcements that match."""
        query = self.search.query(
            CONTENT_TYPE,
            text=text,
            state=PUBLISHED,
            category=clean_category(category),
            center=region_codes(self.root, center),
        )
        result = self.search.execute(query)
        return self.search.sorted_ids(result, sort="published", reverse=True, limit=limit)

    def for_editors(self, states=None, text=None):
        """Docids of announcements in ``states`` the viewer may see, last modified first."""
        query = self.search.query(CONTENT_TYPE, text=text, state=list(states or (PRIVATE, PENDING)))
        result = self.search.execute(query)
        return self.search.sorted_ids(result, sort="modified", reverse=True)

    def lazy(self, docids):
        """Objects for docids, resolved only as they are iterated (one page's worth)."""
        get = self.root.docmap.get
        return (obj for obj in (get(d) for d in docids) if obj is not None)


def latest_published(request, center=None, limit=5):
    """The newest published announcements of a visitor's region, for the home page."""
    search = AnnouncementSearch(request, principals=[Everyone])
    ids = search.published(center=center, limit=limit)
    return list(search.lazy(ids))
