"""The home page: item categories and the way into every service center."""

from pyramid.view import view_config

from ningxia_portal.catalogue.resources import GROUP_TITLES, GROUPS, ITEM_TYPES, type_group
from ningxia_portal.catalogue.views import center_tree
from ningxia_portal.core.root import Portal
from ningxia_portal.security.permissions import Permissions


@view_config(context=Portal, renderer="templates/home.jinja2", permission=Permissions.VIEW)
def home(context, request):
    categories = [
        (group, GROUP_TITLES[group], [t for t in ITEM_TYPES if type_group(t) == group])
        for group in GROUPS
    ]
    return {"categories": categories, "tree": center_tree(context["centers"])}
