"""Reading announcements: the paginated list, one announcement, its attachments (HTML/JSON).

Whatever a viewer may not see answers 404, exactly as if it didn't exist: a draft's page,
its JSON and its attachments alike (``hidden_as_not_found``).
"""

from urllib.parse import quote, urlencode

from pyramid.httpexceptions import HTTPNotFound
from pyramid.renderers import render_to_response
from pyramid.response import FileIter, Response
from pyramid.view import forbidden_view_config, view_config, view_defaults

from ningxia_portal.announcements.queries import AnnouncementSearch, clean_category
from ningxia_portal.announcements.resources import (
    CATEGORIES,
    FIELD_TITLES,
    REGION_WIDE,
    Announcement,
    Announcements,
    Attachment,
)
from ningxia_portal.announcements.richtext import render_safe
from ningxia_portal.announcements.workflow import STATE_TITLES, announcement_workflow
from ningxia_portal.catalogue.region import current_region
from ningxia_portal.core.clock import CST, local_iso
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.web import errors
from ningxia_portal.web.pagecache import shared_page_cache
from ningxia_portal.web.paging import Page


def selected_center(request):
    """The center named by the ``center`` parameter (None for none, or a malformed one)."""
    value = request.params.get("center", "").strip()
    return value if value.isdigit() and len(value) == 6 else None


def visitor_region(request):
    """Whose announcements to show: the ``center`` parameter when the visitor filters
    (``center=`` meaning the whole region), else the region the visitor chose."""
    if "center" in request.params:
        return selected_center(request)
    return current_region(request) or None


def scope_title(request, announcement):
    """The center's name, or "whole region", for an announcement's scope."""
    if not announcement.scope or announcement.scope == REGION_WIDE:
        return request.localizer.translate(_("Whole region"))
    centers = request.root.get("centers") if request.root is not None else None
    center = centers.get(announcement.scope) if centers is not None else None
    return center.title if center is not None else announcement.scope


def filesize(size):
    """A human size: 820 B, 12.5 KB, 3.1 MB."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def shown_date(announcement):
    return announcement.shown_date(CST)


def summary_json(request, a):
    date = shown_date(a)
    return {
        "id": a.__name__,
        "title": a.title,
        "summary": a.summary,
        "category": a.category,
        "scope": a.scope or REGION_WIDE,
        "scope_title": scope_title(request, a),
        "published": date.isoformat() if date else None,
        "url": request.resource_url(a),
    }


def listing_query_string(request, **changes):
    """The list's current filters with ``changes`` applied, for pager and filter links."""
    params = {k: request.params.get(k, "") for k in ("center", "category", "q")}
    params.update(changes)
    return urlencode({k: v for k, v in params.items() if v})


@view_defaults(permission=Permissions.VIEW)
class AnnouncementViews:
    def __init__(self, context, request):
        self.context = context
        self.request = request

    # -- the list ------------------------------------------------------------------------
    def _page(self):
        request = self.request
        search = AnnouncementSearch(request)
        center = visitor_region(request)
        category = clean_category(request.params.get("category"))
        text = request.params.get("q", "").strip()[:100]
        ids = search.published(center=center, category=category, text=text or None)
        page = Page.from_request(request, search.lazy(ids), total=len(ids))
        return page, center, category, text

    @view_config(
        context=Announcements,
        renderer="templates/listing.jinja2",
        accept="text/html",
        decorator=shared_page_cache("Announcement", "Center"),
    )
    def listing(self):
        page, center, category, text = self._page()
        centers = self.request.root.get("centers")
        return {
            "page": page,
            "center": center,
            "category": category,
            "q": text,
            "categories": CATEGORIES,
            "centers": list(centers.values()) if centers is not None else [],
            "scope_title": lambda a: scope_title(self.request, a),
            "shown_date": shown_date,
            "query": lambda **kw: listing_query_string(self.request, **kw),
            "can_add": self.request.has_permission(Permissions.ADD_ANNOUNCEMENT),
        }

    @view_config(context=Announcements, renderer="json", accept="application/json")
    def listing_json(self):
        page, center, category, text = self._page()
        return {
            "total": page.total,
            "page": page.number,
            "pages": page.pages,
            "filters": {"center": center, "category": category, "q": text},
            "announcements": [summary_json(self.request, a) for a in page.items],
        }

    # -- one announcement ----------------------------------------------------------------
    @view_config(context=Announcement, renderer="templates/announcement.jinja2", accept="text/html")
    def page(self):
        from ningxia_portal.announcements.manage import transition_form

        a = self.context
        request = self.request
        can_edit = request.has_permission(Permissions.EDIT_ANNOUNCEMENT, a)
        history = []
        if can_edit:
            history = sorted(
                [("transition", e.when, e) for e in announcement_workflow.history(a)]
                + [("change", c.when, c) for c in a.changes],
                key=lambda row: row[1],
                reverse=True,
            )
        return {
            "a": a,
            "body": render_safe(a.body_html),
            "scope_title": scope_title(request, a),
            "shown_date": shown_date(a),
            "can_edit": can_edit,
            "state_title": STATE_TITLES.get(a.state, a.state),
            "state_titles": STATE_TITLES,
            "history": history,
            "transition_form": transition_form(a, request) if can_edit else None,
            "filesize": filesize,
            "field_titles": lambda fields: "、".join(
                request.localizer.translate(FIELD_TITLES.get(f, f)) for f in fields
            ),
        }

    @view_config(context=Announcement, renderer="json", accept="application/json")
    def page_json(self):
        a = self.context
        data = summary_json(self.request, a)
        data.update(
            body_html=str(render_safe(a.body_html)),
            modified=local_iso(a.modified),
            attachments=[
                {
                    "filename": f.filename,
                    "content_type": f.content_type,
                    "size": f.size,
                    "url": self.request.resource_url(f),
                }
                for f in a.attachments()
            ],
        )
        return data

    # -- attachments ---------------------------------------------------------------------
    @view_config(context=Attachment)
    def download(self):
        att = self.context
        try:
            fp = att.blob.open("r")
        except Exception:  # noqa: BLE001 - a missing blob file is "not found" to the visitor
            raise HTTPNotFound() from None
        response = Response(
            app_iter=FileIter(fp),
            content_type=att.content_type,
            content_length=att.size,
        )
        response.headers["Content-Disposition"] = content_disposition(att.filename)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Cache-Control"] = "private, no-cache"
        return response


def content_disposition(filename):
    """``attachment`` with an ASCII fallback and the RFC 5987 UTF-8 name."""
    ascii_name = filename.encode("ascii", "ignore").decode().replace('"', "").replace("\\", "")
    ext = filename.rpartition(".")[2] if "." in filename else ""
    if not ascii_name.strip(". ") or ascii_name.startswith("."):
        ascii_name = f"attachment.{ext}" if ext else "attachment"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


@forbidden_view_config(containment=Announcement)
def hidden_as_not_found(exc, request):
    """An announcement (or its attachment) the viewer may not see doesn't exist for them."""
    announcement = request.context
    while not isinstance(announcement, Announcement):
        announcement = announcement.__parent__
    if request.has_permission(Permissions.VIEW, announcement):
        value = errors.forbidden(exc, request)
        template = "ningxia_portal:web/templates/403.jinja2"
    else:
        value = errors.not_found(exc, request)
        template = "ningxia_portal:web/templates/404.jinja2"
    if isinstance(value, Response):  # e.g. the login redirect for anonymous visitors
        return value
    renderer = getattr(request, "override_renderer", None) or template
    response = render_to_response(renderer, value, request=request, response=request.response)
    return response
