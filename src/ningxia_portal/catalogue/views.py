"""Browse the tree: /centers/ → center → department → item (HTML, or JSON on request)."""

from pyramid.view import view_config, view_defaults

from ningxia_portal.catalogue.actions import item_actions
from ningxia_portal.catalogue.blocks import block_content_types, render_blocks
from ningxia_portal.catalogue.listing import catalog_page, count_in
from ningxia_portal.catalogue.resources import (
    GROUP_TITLES,
    GROUPS,
    Center,
    Centers,
    Department,
    ServiceItem,
)
from ningxia_portal.indexing.query import CatalogSearch
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.web.pagecache import shared_page_cache
from ningxia_portal.web.paging import Page, parse_page

# Anonymous pages of the catalogue are stored until an item, department or center changes.
CATALOGUE_CACHE = shared_page_cache("ServiceItem", "Department", "Center")
# Department pages also show other features' blocks (catalogue/blocks.py): kept per
# version of what those read too.
DEPARTMENT_CACHE = shared_page_cache(
    "ServiceItem", "Department", "Center", more=block_content_types
)

CENTER_PAGE_SIZE = 10  # items per type group on a center page


def center_tree(centers):
    """[(region, [(city, [county …])])] ordered by division code, for the centers page."""
    by_parent = {}
    for center in centers.values():
        by_parent.setdefault(center.parent_code, []).append(center)
    tree = []
    for region in by_parent.get(None, []):
        cities = [(city, by_parent.get(city.code, [])) for city in by_parent.get(region.code, [])]
        tree.append((region, cities))
    return tree


def item_summary(request, item):
    return {
        "code": item.code,
        "title": item.title,
        "type": item.item_type,
        "group": item.group,
        "depth": item.depth,
        "promised_days": item.promised_days,
        "url": request.resource_url(item),
    }


@view_defaults(permission=Permissions.VIEW)
class CatalogueViews:
    def __init__(self, context, request):
        self.context = context
        self.request = request

    @property
    def can_manage(self):
        return self.request.has_permission(Permissions.MANAGE_CATALOGUE, self.context)

    @view_config(
        context=Centers,
        renderer="templates/centers.jinja2",
        accept="text/html",
        decorator=CATALOGUE_CACHE,
    )
    def centers(self):
        return {"tree": center_tree(self.context), "can_manage": self.can_manage}

    def center_groups(self):
        """Per type group: (group, title, page of items), from the catalog, a page each.

        ``?page_approval=2`` turns the 行政审批 list to its second page; the other groups stay.
        """
        search = CatalogSearch(self.request.root, self.request.effective_principals)
        code = self.context.code
        groups = []
        for group in GROUPS:
            result = search.execute(search.query("ServiceItem", center=code, group=group))
            number = parse_page(self.request.GET.get(f"page_{group}"))
            page = catalog_page(search, result, number, CENTER_PAGE_SIZE)
            groups.append((group, GROUP_TITLES[group], page))
        return groups

    def department_counts(self):
        """{department name: items visible to the viewer}, from index data only."""
        search = CatalogSearch(self.request.root, self.request.effective_principals)
        result = search.execute(search.query("ServiceItem", center=self.context.code))
        ids = result.ids if result is not None else ()
        catalog = self.request.root.catalog
        return {
            d.__name__: count_in(catalog, "department", d.department_key, ids)
            for d in self.context.values()
        }

    def group_page_url(self, group, number):
        params = self.request.GET
        query = {k: v for k, v in params.items() if k.startswith("page_")}
        query[f"page_{group}"] = number
        return self.request.resource_url(self.context, query=query, anchor=f"group-{group}")

    @view_config(context=Centers, renderer="json", accept="application/json")
    def centers_json(self):
        return {
            "centers": [
                {
                    "code": c.code,
                    "title": c.title,
                    "level": c.level,
                    "parent": c.parent_code,
                    "url": self.request.resource_url(c),
                }
                for c in self.context.values()
            ]
        }

    @view_config(
        context=Center,
        renderer="templates/center.jinja2",
        accept="text/html",
        decorator=CATALOGUE_CACHE,
    )
    def center(self):
        return {
            "departments": list(self.context.values()),
            "counts": self.department_counts(),
            "groups": self.center_groups(),
            "group_page_url": self.group_page_url,
            "can_manage": self.can_manage,
            "can_remove": self.request.has_permission(
                Permissions.MANAGE_CATALOGUE, self.context.__parent__
            ),
        }

    @view_config(context=Center, renderer="json", accept="application/json")
    def center_json(self):
        c = self.context
        counts = self.department_counts()
        return {
            "code": c.code,
            "title": c.title,
            "level": c.level,
            "departments": [
                {
                    "name": d.__name__,
                    "title": d.title,
                    "items": counts[d.__name__],
                    "url": self.request.resource_url(d),
                }
                for d in c.values()
            ],
            "groups": {
                group: {
                    "title": self.request.localizer.translate(title),
                    "total": page.total,
                    "page": page.number,
                    "pages": page.pages,
                    "items": [item_summary(self.request, i) for i in page.items],
                }
                for group, title, page in self.center_groups()
            },
        }

    def department_page(self):
        """A page of the department's items (its folder, in name order: a bounded slice)."""
        number = parse_page(self.request.GET.get("page"))
        return Page(self.context.values(), len(self.context), number)

    @view_config(
        context=Department,
        renderer="templates/department.jinja2",
        accept="text/html",
        decorator=DEPARTMENT_CACHE,
    )
    def department(self):
        page = self.department_page()
        return {
            "page": page,
            "blocks": render_blocks(self.request, self.context),
            "groups": GROUPS,
            "group_titles": GROUP_TITLES,
            "can_manage": self.can_manage,
        }

    @view_config(context=Department, renderer="json", accept="application/json")
    def department_json(self):
        page = self.department_page()
        return {
            "title": self.context.title,
            "center": self.context.center.code,
            "total": page.total,
            "page": page.number,
            "pages": page.pages,
            "items": [item_summary(self.request, i) for i in page.items],
        }

    @view_config(
        context=ServiceItem,
        renderer="templates/item.jinja2",
        accept="text/html",
        decorator=CATALOGUE_CACHE,
    )
    def item(self):
        return {
            "item": self.context,
            "group_titles": GROUP_TITLES,
            "actions": item_actions(self.request, self.context),
            "can_manage": self.can_manage,
        }

    @view_config(context=ServiceItem, renderer="json", accept="application/json")
    def item_json(self):
        item = self.context
        data = item_summary(self.request, item)
        data.update(
            department=item.department.title,
            center=item.center.code,
            legal_basis=item.legal_basis,
            conditions=item.conditions,
            statutory_days=item.statutory_days,
            fee=item.fee,
            fee_basis=item.fee_basis,
            visits=item.visits,
            materials=[m.as_dict() for m in item.materials],
        )
        return data
