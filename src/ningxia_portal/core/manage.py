"""``/manage/``: the back office of editors and admins; each domain adds its section."""

from persistent import Persistent
from pyramid.authorization import ALL_PERMISSIONS, DENY_ALL, Allow
from pyramid.decorator import reify

from ningxia_portal.core.folder import Folder
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import ADMIN


class Manage(Folder):
    """The container of management sections (accounts; centers and items later)."""

    title = _("Management")


class AccountsSection(Persistent):
    """``/manage/accounts/``: admins only. Holds no data: users live in ``/principals/``.

    Traversing ``/manage/accounts/<username>/`` yields a ManagedAccount wrapper, so account
    pages are located under the section and inherit its admin-only ACL.
    """

    __name__ = None
    __parent__ = None
    title = _("Accounts")
    __acl__ = [(Allow, ADMIN, ALL_PERMISSIONS), DENY_ALL]

    @property
    def principals(self):
        return self.__parent__.__parent__["principals"]

    def __getitem__(self, name):
        user = self.principals.get(name)
        if user is None:
            raise KeyError(name)
        return ManagedAccount(user, name, self)

    def get(self, name, default=None):
        try:
            return self[name]
        except KeyError:
            return default


class ManagedAccount:
    """One account as the admin sees it at ``/manage/accounts/<username>/``."""

    def __init__(self, user, name, parent):
        self.user = user
        self.__name__ = name
        self.__parent__ = parent

    @reify
    def title(self):
        return self.user.title
