"""Item actions (在线申报, 预约, 咨询): buttons on the item page that other features register.

The catalogue does not know filings, appointments or consultations; each of those features
registers its action in its own ``includeme``, so the item page shows a button only once the
page it leads to exists::

    config.add_item_action("apply", _("Apply online"), view_name="apply", order=10)

``view_name`` is the view on the ServiceItem the button leads to (``…/<item>/apply``);
``available(item, request)`` may hide the button for some items (an item that can't be filed
online), and ``permission`` hides it from viewers who lack that permission on the item.
"""

from dataclasses import dataclass
from typing import Any

from ningxia_portal.core.directives import add_ordered

ACTIONS_ATTR = "portal_item_actions"


@dataclass(frozen=True)
class ItemAction:
    name: str
    title: Any  # a TranslationString
    view_name: str
    order: int = 100
    permission: str | None = None
    available: Any = None  # callable(item, request) -> bool, or None for every item
    css_class: str = "btn-primary"


def add_item_action(
    config,
    name,
    title,
    view_name=None,
    order=100,
    permission=None,
    available=None,
    css_class="btn-primary",
):
    """Config directive: offer an action on every service item page."""
    action = ItemAction(name, title, view_name or name, order, permission, available, css_class)
    # The name's discriminator makes two features claiming one action a config conflict.
    add_ordered(config, ACTIONS_ATTR, "item_action", action)


def registered_actions(registry):
    return tuple(getattr(registry, ACTIONS_ATTR, ()))


def item_actions(request, item):
    """[(action, url)] the viewer may use on ``item``, in the registered order."""
    found = []
    for action in registered_actions(request.registry):
        if action.permission and not request.has_permission(action.permission, item):
            continue
        if action.available is not None and not action.available(item, request):
            continue
        found.append((action, request.resource_url(item, action.view_name)))
    return found


def includeme(config):
    config.add_directive("add_item_action", add_item_action)
