"""``/manage/accounts/``: the accounts' section of the back office (admins only).

It holds no data: users live in ``/principals/``. Traversing ``/manage/accounts/<username>/``
yields a ManagedAccount wrapper, so account pages are located under the section and inherit
its admin-only ACL. Pickled by class (evolve step 17 moved the stored section here): keep
``AccountsSection`` importable under this name.
"""

from persistent import Persistent
from pyramid.authorization import ALL_PERMISSIONS, DENY_ALL, Allow
from pyramid.decorator import reify

from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import ADMIN


class AccountsSection(Persistent):
    """The admins' entry to every account."""

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
