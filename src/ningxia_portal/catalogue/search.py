"""查找事项: ``/search`` by center, department, type group, handling depth and keyword.

The filters combine; an empty keyword lists everything in scope; without a ``center``
parameter the scope is the visitor's region choice. Every request runs one catalog query,
resolves only the 20 objects of the page and takes the hit count from the result set.
Malformed parameters never fail the page: each bad value is dropped with a message at its
field (the message quotes it), and the rest of the search still runs.
"""

import colander
from pyramid.view import view_config, view_defaults

from ningxia_portal.catalogue.departments import department_choices, department_keys
from ningxia_portal.catalogue.listing import catalog_page
from ningxia_portal.catalogue.region import current_region, region_filters
from ningxia_portal.catalogue.resources import DEPTHS, GROUP_TITLES, GROUPS
from ningxia_portal.catalogue.schemas import SearchSchema
from ningxia_portal.catalogue.views import CATALOGUE_CACHE
from ningxia_portal.core.root import Portal
from ningxia_portal.i18n import _
from ningxia_portal.indexing.query import CatalogSearch
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.web.paging import PAGE_SIZE
from ningxia_portal.web.query import query_was_repaired

FIELDS = ("q", "center", "department", "type", "depth", "page")


def parse_search(request):
    """(values, errors): every parameter validated on its own, bad ones replaced by defaults."""
    schema = SearchSchema().bind(request=request)
    params = request.GET
    values, errors = {}, {}
    if query_was_repaired(request):
        errors["q"] = _("Part of the address could not be read; please type the keyword again.")
    for name in FIELDS:
        node = schema[name]
        raw = params.get(name)
        try:
            values[name] = node.deserialize(raw if raw is not None else colander.null)
        except colander.Invalid as invalid:
            values[name] = node.missing
            errors.setdefault(name, invalid.msg)
    if "center" not in params:
        values["center"] = current_region(request)  # the region choice is the default scope
    dept = values["department"]
    if dept and dept not in dict(department_choices(request, values["center"])):
        errors.setdefault(
            "department",
            _(
                '"${value}" is not a department in this scope: showing all departments.',
                mapping={"value": dept[:40]},
            ),
        )
        values["department"] = ""
    return values, errors


def run_search(request, values):
    """The page of results for validated ``values``."""
    filters = region_filters(request, values["center"])
    if values["department"]:
        filters["department"] = department_keys(request, values["center"], values["department"])
    if values["type"]:
        filters["group"] = values["type"]
    if values["depth"]:
        filters["depth"] = values["depth"]
    search = CatalogSearch(request.root, request.effective_principals)
    result = search.execute(search.query("ServiceItem", text=values["q"], **filters))
    return catalog_page(search, result, values["page"], PAGE_SIZE, relevance=bool(values["q"]))


def item_row(request, item):
    dept, center = item.department, item.center
    return {
        "url": request.resource_url(item),
        "title": item.title,
        "code": item.code,
        "center": center.code,
        "center_title": center.title,
        "department": dept.__name__,
        "department_title": dept.title,
        "type": item.item_type,
        "group": item.group,
        "depth": item.depth,
        "promised_days": item.promised_days,
    }


@view_defaults(context=Portal, name="search", permission=Permissions.VIEW)
class SearchViews:
    def __init__(self, context, request):
        self.context = context
        self.request = request
        self.values, self.errors = parse_search(request)
        self.page = run_search(request, self.values)

    def page_url(self, number):
        query = {k: v for k, v in self.values.items() if k != "page" and v}
        query["center"] = self.values["center"]  # keep the scope page 1 showed, 全区 too
        query["page"] = number
        return self.request.resource_url(self.context, "search", query=query)

    @view_config(renderer="templates/search.jinja2", accept="text/html", decorator=CATALOGUE_CACHE)
    def html(self):
        translate = self.request.localizer.translate
        departments = department_choices(self.request, self.values["center"])
        return {
            "values": self.values,
            "errors": {k: translate(v) for k, v in self.errors.items()},
            "page": self.page,
            "rows": [item_row(self.request, item) for item in self.page.items],
            "departments": departments,
            "groups": [(g, GROUP_TITLES[g]) for g in GROUPS],
            "depths": DEPTHS,
            "page_url": self.page_url,
        }

    @view_config(renderer="json", accept="application/json")
    def json(self):
        translate = self.request.localizer.translate
        page = self.page
        return {
            "query": {k: v for k, v in self.values.items() if k != "page"},
            "errors": {k: translate(v) for k, v in self.errors.items()},
            "total": page.total,
            "page": page.number,
            "pages": page.pages,
            "items": [item_row(self.request, item) for item in page.items],
        }


def includeme(config):
    config.add_home_tool("search", _("Find service items"), path="search", order=10)
