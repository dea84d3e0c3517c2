"""``/filings/``: an enterprise's own filings (申报查看) or a reviewer's work queue.

Both come from the catalog, filtered by the viewer's principals (the ``allowed`` index is
derived from each case's ACL), then by the filters; paginated, never a tree walk.
"""

from math import ceil

from hypatia.query import Eq, InRange, Lt, NotEq
from pyramid.traversal import quote_path_segment
from pyramid.view import view_config, view_defaults

from ningxia_portal.core.clock import get_clock
from ningxia_portal.filings import services, workflow
from ningxia_portal.filings.resources import Filings
from ningxia_portal.filings.views import filing_summary
from ningxia_portal.filings.working_days import add_working_days, get_calendar
from ningxia_portal.i18n import _
from ningxia_portal.indexing.query import CatalogSearch, count_by
from ningxia_portal.security.permissions import ADMIN, Permissions
from ningxia_portal.web.paging import PAGE_SIZE, parse_page

PENDING = "pending"
ALL = "all"
DUE_CHOICES = {
    "overdue": _("Overdue"),
    "today": _("Due today"),
    "3": _("Due within 3 working days"),
    "10": _("Due within 10 working days"),
}


def is_staff(request):
    """Reviewers (of any department or center) and admins get the work queue."""
    principals = request.effective_principals
    return ADMIN in principals or any(p.startswith("reviewer@") for p in principals)


def _param(request, name, limit=100):
    value = request.params.get(name, "")
    return value.strip()[:limit] if isinstance(value, str) else ""


@view_defaults(context=Filings, permission=Permissions.VIEW)
class FilingList:
    def __init__(self, context, request):
        self.context = context
        self.request = request
        self.root = context.__parent__
        self.catalog = self.root.catalog
        self.search = CatalogSearch(self.root, request.effective_principals)
        self.staff = is_staff(request)
        self.filters = {
            "q": _param(request, "q"),
            "department": _param(request, "department"),
            "item": _param(request, "item", 200),
            "state": _param(request, "state") or (PENDING if self.staff else ""),
            "due": _param(request, "due"),
        }

    def base_filters(self):
        if self.staff:
            return {}
        return {"owner": self.request.authenticated_userid or ""}

    def query(self):
        f = self.filters
        filters = self.base_filters()
        if f["state"] in workflow.STATES:
            filters["state"] = f["state"]
        elif f["state"] == PENDING and self.staff:
            filters["pending"] = True
        filters["department"] = f["department"] or None
        filters["item_title"] = f["item"] or None
        q = self.without_drafts(self.search.query("Filing", text=f["q"], **filters))
        if q is not None and self.staff and f["due"] in DUE_CHOICES:
            q = q & self.due_query(f["due"])
        return q

    def without_drafts(self, q):
        """Staff queues never hold drafts: a draft is the enterprise's own until submitted."""
        if q is None or not self.staff:
            return q
        return q & NotEq(self.catalog["state"], workflow.DRAFT)

    def due_query(self, due):
        today = get_clock(self.request.registry).today()
        index = self.catalog["deadline"]
        if due == "overdue":
            return Lt(index, today)
        if due == "today":
            return Eq(index, today)
        until = add_working_days(today, int(due), get_calendar(self.request.registry))
        return InRange(index, today, until)

    def results(self):
        result = self.search.execute(self.query())
        total = len(result) if result is not None else 0
        pages = max(1, ceil(total / PAGE_SIZE))
        number = min(parse_page(self.request.params.get("page")), pages)
        if self.staff:
            ids = self.search.sorted_ids(result, sort="deadline", limit=number * PAGE_SIZE)
        else:
            ids = self.search.sorted_ids(
                result, sort="created", reverse=True, limit=number * PAGE_SIZE
            )
        start = (number - 1) * PAGE_SIZE
        filings = self.search.resolve(ids[start : start + PAGE_SIZE])
        return filings, total, number, pages

    def summary(self, filing):
        """A row: the case's URL from the container's, computed once per page."""
        base = self.__dict__.get("_base_url")
        if base is None:
            base = self._base_url = self.request.resource_url(self.context)
        return filing_summary(
            self.request, filing, url=f"{base}{quote_path_segment(filing.__name__)}/"
        )

    def facets(self):
        """Departments and item names of the cases the viewer may see, for the filters.

        Counted over the viewer's own cases (count_by reads their values from the indexes),
        so the cost follows what the viewer may see, not the size of the catalog. Staff
        don't get the item filter, so their item counts aren't computed.
        """
        query = self.without_drafts(self.search.query("Filing", **self.base_filters()))
        result = self.search.execute(query)
        if result is None or not len(result):
            return [], []
        centers = self.root["centers"]
        departments = []
        ids = result.ids
        for key, n in sorted(count_by(self.catalog, "department", ids).items()):
            center_code, _sep, dept = key.partition("/")
            center = centers.get(center_code)
            department = center.get(dept) if center is not None else None
            departments.append((key, department.title if department is not None else key, n))
        items = [] if self.staff else sorted(count_by(self.catalog, "item_title", ids).items())
        return departments, items

    def page_url(self, number):
        query = {k: v for k, v in self.filters.items() if v}
        query["page"] = number
        return self.request.resource_url(self.context, query=query)

    @view_config(accept="text/html", renderer="ningxia_portal:filings/templates/list.jinja2")
    def html(self):
        filings, total, number, pages = self.results()
        departments, items = self.facets()
        return {
            "staff": self.staff,
            "filings": filings,
            "total": total,
            "number": number,
            "pages": pages,
            "page_url": self.page_url,
            "filters": self.filters,
            "departments": departments,
            "items": items,
            "states": [(s, workflow.STATE_TITLES[s]) for s in workflow.STATES],
            "due_choices": DUE_CHOICES,
            "summary": self.summary,
            "remaining": lambda f: services.remaining_working_days(self.request, f),
        }

    @view_config(accept="application/json", renderer="json")
    def json(self):
        filings, total, number, pages = self.results()
        return {
            "mode": "queue" if self.staff else "mine",
            "total": total,
            "page": number,
            "pages": pages,
            "filters": self.filters,
            "filings": [self.summary(f) for f in filings],
        }
