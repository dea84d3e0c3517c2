"""Browse the tree: /centers/ → center → department → item (HTML, or JSON on request)."""

from pyramid.view import view_config, view_defaults

from ningxia_portal.catalogue.resources import (
    GROUP_TITLES,
    GROUPS,
    Center,
    Centers,
    Department,
    ServiceItem,
)
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.web.paging import Page


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

    @view_config(context=Centers, renderer="templates/centers.jinja2", accept="text/html")
    def centers(self):
        return {"tree": center_tree(self.context)}

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

    @view_config(context=Center, renderer="templates/center.jinja2", accept="text/html")
    def center(self):
        departments = list(self.context.values())
        return {"departments": departments, "group_titles": GROUP_TITLES}

    @view_config(context=Center, renderer="json", accept="application/json")
    def center_json(self):
        c = self.context
        return {
            "code": c.code,
            "title": c.title,
            "level": c.level,
            "departments": [
                {
                    "name": d.__name__,
                    "title": d.title,
                    "items": len(d),
                    "url": self.request.resource_url(d),
                }
                for d in c.values()
            ],
        }

    @view_config(context=Department, renderer="templates/department.jinja2", accept="text/html")
    def department(self):
        page = Page.from_request(self.request, self.context.values(), total=len(self.context))
        return {"page": page, "groups": GROUPS, "group_titles": GROUP_TITLES}

    @view_config(context=Department, renderer="json", accept="application/json")
    def department_json(self):
        page = Page.from_request(self.request, self.context.values(), total=len(self.context))
        return {
            "title": self.context.title,
            "center": self.context.center.code,
            "total": page.total,
            "page": page.number,
            "pages": page.pages,
            "items": [item_summary(self.request, i) for i in page.items],
        }

    @view_config(context=ServiceItem, renderer="templates/item.jinja2", accept="text/html")
    def item(self):
        return {"item": self.context, "group_titles": GROUP_TITLES}

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
