"""The choices of a center's departments for any form that narrows them as the center
changes: ``/centers/<code>/departments.json``, and ``static/cascade.js``, which a form's
page opts into with an element such as::

    <div data-cascade data-cascade-form="<form id>" data-cascade-url="<app>/centers/"
         data-cascade-choose="- choose -" hidden></div>

The script hides the form's ``refresh`` button and, when the ``center`` select changes,
replaces the ``department`` select's options (its empty first option kept) with the chosen
center's. Without it, the form's refresh button posts it back for the same choices.
"""

from pyramid.view import view_config

from ningxia_portal.catalogue.resources import Center
from ningxia_portal.security.permissions import Permissions

SCRIPT = "ningxia_portal.catalogue:static/cascade.js"


def department_choices(center):
    """``[(name, title)]`` of the center's departments (none for no center)."""
    return [(name, d.title) for name, d in center.items()] if center is not None else []


@view_config(context=Center, name="departments.json", permission=Permissions.VIEW, renderer="json")
def departments_json(context, request):
    """The center's departments, ``{"center", "departments": [{"value", "title"}]}``: the
    same public names and titles its page lists."""
    return {
        "center": context.code,
        "departments": [
            {"value": name, "title": title} for name, title in department_choices(context)
        ],
    }


def cascade_values(request):
    """What a form's page needs to opt into the script: its URL and the centers' base."""
    return {
        "cascade_script": request.static_url(SCRIPT),
        "cascade_url": request.resource_url(request.root["centers"]),
    }


def includeme(config):
    config.add_static_view(
        "catalogue-static", "ningxia_portal.catalogue:static/", cache_max_age=3600
    )
