"""The Portal root and how a request finds it."""

from pyramid.threadlocal import get_current_registry
from pyramid_zodbconn import get_connection

from ningxia_portal.core.directives import root_acl
from ningxia_portal.core.folder import Folder

APP_ROOT_KEY = "app_root"


class Portal(Folder):
    """The site root; records the evolve step its data is at in ``schema_version``.

    Its top-level containers are the domains' (``config.add_container``), created by evolve
    step 1. Its ACL — the roles held everywhere — is the security layer's
    (``config.set_root_acl``): the core names no permission.
    """

    title = "宁夏政务服务中心网上办事大厅"
    schema_version = 0
    demo_loaded = False

    @property
    def __acl__(self):
        return root_acl(get_current_registry())


def get_database(registry):
    """The primary ZODB database that pyramid_zodbconn opened from ``zodbconn.uri``."""
    return registry._zodb_databases[""]


def root_factory(request):
    """Return the Portal; bootstrap (at start-up) guarantees it exists."""
    return get_connection(request).root()[APP_ROOT_KEY]
