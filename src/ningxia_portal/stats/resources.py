"""``/stats/``: the statistics' container."""

from pyramid.authorization import ALL_PERMISSIONS, DENY_ALL, Allow, Authenticated, Everyone

from ningxia_portal.core.folder import Folder
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import ADMIN, Permissions


class Stats(Folder):
    """``/stats/``: logged-in viewers see the figures of their scopes; everyone the public
    page."""

    title = _("Statistics")
    __acl__ = [
        (Allow, ADMIN, ALL_PERMISSIONS),
        (Allow, Authenticated, Permissions.VIEW_STATS),
        (Allow, Everyone, Permissions.VIEW),
        DENY_ALL,
    ]
