"""The Portal root and how a request finds it."""

from pyramid.authorization import ALL_PERMISSIONS, Allow, Authenticated, Everyone
from pyramid_zodbconn import get_connection

from ningxia_portal.core.folder import Folder
from ningxia_portal.security.permissions import ADMIN, EDITOR, ENTERPRISE, Permissions

APP_ROOT_KEY = "app_root"

# The top-level containers of DESIGN.md, created by evolve step 1 (/manage/ by step 2).
TOP_LEVEL = (
    "centers",
    "announcements",
    "filings",
    "appointments",
    "consultations",
    "complaints",
    "principals",
)


class Portal(Folder):
    """The site root; records the evolve step its data is at in ``schema_version``."""

    title = "宁夏政务服务中心网上办事大厅"
    schema_version = 0
    demo_loaded = False

    # Roles held everywhere. Grants on part of the tree are allowed where they act:
    # editor@640100 by the Center's ACL, reviewer@640100/scjg by the ACL of each case.
    __acl__ = [
        (Allow, ADMIN, ALL_PERMISSIONS),
        (
            Allow,
            EDITOR,
            (Permissions.MANAGE, Permissions.MANAGE_CATALOGUE, Permissions.PUBLISH),
        ),
        (Allow, ENTERPRISE, Permissions.FILE),
        (Allow, Authenticated, Permissions.EDIT_PROFILE),
        (Allow, Everyone, Permissions.VIEW),
    ]


def get_database(registry):
    """The primary ZODB database that pyramid_zodbconn opened from ``zodbconn.uri``."""
    return registry._zodb_databases[""]


def root_factory(request):
    """Return the Portal; bootstrap (at start-up) guarantees it exists."""
    return get_connection(request).root()[APP_ROOT_KEY]
