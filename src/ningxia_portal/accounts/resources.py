"""Users and the ``/principals/`` container that finds them by username or credit code."""

from BTrees.OOBTree import OOBTree
from persistent import Persistent

from ningxia_portal.core.folder import Folder
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import Roles, grant, role, user_principal

KIND_ENTERPRISE = "enterprise"
KIND_STAFF = "staff"


class Principals(Folder):
    """Users by lower-case username, plus an index from credit code to username."""

    title = _("Users")

    def __init__(self):
        super().__init__()
        self.by_credit_code = OOBTree()

    def add_user(self, user):
        self.add(user.username, user)
        if user.credit_code:
            self.by_credit_code[user.credit_code] = user.username
        return user

    def find(self, login):
        """The user for a username or a unified social credit code, or None."""
        if not login:
            return None
        key = login.strip()
        user = self.get(key.lower())
        if user is None:
            username = self.by_credit_code.get(key.upper())
            user = self.get(username) if username else None
        return user


class User(Persistent):
    """An account. Enterprises own their objects; staff hold roles granted on the tree."""

    __name__ = None
    __parent__ = None

    def __init__(self, username, password_hash, kind=KIND_ENTERPRISE, title="", created=None):
        self.username = username.lower()
        self.password_hash = password_hash
        self.kind = kind
        self.title = title or username  # enterprise name or staff member's name
        self.created = created
        self.active = True
        self.auth_epoch = 0
        self.roles = (Roles.ENTERPRISE.value,) if kind == KIND_ENTERPRISE else ()
        self.grants = ()  # ((role, scope), …): reviewer on "640100/scjg", editor on "640100"
        # Enterprise profile (empty for staff).
        self.credit_code = ""
        self.legal_representative = ""
        self.contact = ""
        self.phone = ""
        self.email = ""
        self.region = ""  # the chosen center code; "" is the whole region

    def principals(self):
        """Every principal this user acts as, independent of the request's context."""
        found = [user_principal(self.username)]
        found.extend(role(r) for r in self.roles)
        found.extend(grant(r, scope) for r, scope in self.grants)
        return found

    def end_other_sessions(self):
        """Invalidate every session issued before now (password change, disabling)."""
        self.auth_epoch += 1
