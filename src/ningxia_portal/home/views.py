"""The home page: features' blocks, common tools, item categories counted in the region."""

from pyramid.view import view_config

from ningxia_portal.catalogue.departments import counts_by_department
from ningxia_portal.catalogue.region import region_filters
from ningxia_portal.catalogue.resources import GROUP_TITLES, GROUPS, ITEM_TYPES, type_group
from ningxia_portal.catalogue.views import center_tree
from ningxia_portal.core.root import Portal
from ningxia_portal.home.blocks import render_blocks, tools
from ningxia_portal.indexing.query import CatalogSearch, count_by
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.web.pagecache import shared_page_cache


def region_counts(request, region):
    """({group: n}, [(department name, title, n)]) of the items the viewer sees in the region,
    from index data: one catalog query, no item loaded."""
    root = request.root
    search = CatalogSearch(root, request.effective_principals)
    result = search.execute(search.query("ServiceItem", **region_filters(request, region)))
    if result is None or not len(result):
        return {}, []
    ids = result.ids
    by_group = count_by(root.catalog, "group", ids)
    by_dept = counts_by_department(request, region, count_by(root.catalog, "department", ids))
    return by_group, by_dept


@view_config(
    context=Portal,
    renderer="templates/home.jinja2",
    permission=Permissions.VIEW,
    # Anonymous visitors' home page shows items, centers and announcements.
    decorator=shared_page_cache("ServiceItem", "Department", "Center", "Announcement"),
)
def home(context, request):
    region = request.region
    by_group, by_dept = region_counts(request, region)
    categories = [
        (
            group,
            GROUP_TITLES[group],
            [t for t in ITEM_TYPES if type_group(t) == group],
            by_group.get(group, 0),
        )
        for group in GROUPS
    ]
    return {
        "region": region,
        "blocks": render_blocks(request),
        "tools": tools(request),
        "categories": categories,
        "departments": by_dept,
        "total": sum(by_group.values()),
        "tree": center_tree(context["centers"]),
    }
