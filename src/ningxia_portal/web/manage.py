"""``/manage/``: the back office's index of the sections this user may enter."""

from pyramid.view import view_config

from ningxia_portal.core.manage import Manage
from ningxia_portal.security.permissions import Permissions


@view_config(context=Manage, renderer="templates/manage.jinja2", permission=Permissions.MANAGE)
def manage_index(context, request):
    """Each section's own ACL decides (accounts for admins only)."""
    sections = [
        (request.localizer.translate(section.title), request.resource_url(section))
        for section in context.values()
        if request.has_permission(Permissions.MANAGE, section)
    ]
    return {"sections": sections}
