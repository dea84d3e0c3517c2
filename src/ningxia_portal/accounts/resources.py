"""Users and the ``/principals/`` container that finds them by username or credit code."""

import secrets
from itertools import islice

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from pyramid.authorization import ALL_PERMISSIONS, DENY_ALL, Allow

from ningxia_portal.core.folder import Folder
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import (
    ADMIN,
    Permissions,
    Roles,
    grant,
    role,
    user_principal,
)

KIND_ENTERPRISE = "enterprise"
KIND_STAFF = "staff"


class Principals(Folder):
    """Users by lower-case username, plus an index from credit code to username."""

    title = _("Users")
    # Nothing here is public: account pages are under /manage/accounts/ and /profile.
    __acl__ = [(Allow, ADMIN, ALL_PERMISSIONS), DENY_ALL]

    def __init__(self):
        super().__init__()
        self.by_credit_code = OOBTree()

    def add_user(self, user):
        self.add(user.username, user)
        if user.credit_code:
            self.by_credit_code[user.credit_code] = user.username
        return user

    def credit_code_taken(self, code):
        return code in self.by_credit_code

    def search(self, query):
        """(iterator of users, total) whose username or credit code starts with ``query``.

        Both are BTree range scans, so a search reads only the matching buckets.
        """
        query = (query or "").strip()
        if not query:
            return self.values(), len(self)
        names = list(islice(self.keys(min=query.lower(), max=query.lower() + "\uffff"), 1000))
        seen = set(names)
        upper = query.upper()
        for username in islice(self.by_credit_code.values(min=upper, max=upper + "\uffff"), 1000):
            if username not in seen:
                names.append(username)
                seen.add(username)
        users = [self[n] for n in names if n in self]
        return iter(users), len(users)

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
    # Messages about the account's cases and requests are mailed to ``email`` too (when it
    # is set); the profile turns that off. A class default: accounts made before have it.
    mail_notices = True
    # Display preferences (web/preferences.py): None until the user chooses in the header,
    # then the skin's name, elder mode on or off, "zh_CN" or "en".
    skin = None
    elder = None
    language = None
    # The random token every session of this account names (security/policy.py): made at
    # the first login, replaced by logout, a password change or disabling, which ends every
    # session made before. A class default: accounts made before have none until they log in.
    session_token = None

    def __init__(self, username, password_hash, kind=KIND_ENTERPRISE, title="", created=None):
        self.username = username.lower()
        self.password_hash = password_hash
        self.kind = kind
        self.title = title or username  # enterprise name or staff member's name
        self.created = created
        self.active = True
        self.roles = (Roles.ENTERPRISE.value,) if kind == KIND_ENTERPRISE else ()
        self.grants = ()  # ((role, scope), …): reviewer on "640100/scjg", editor on "640100"
        # Enterprise profile (empty for staff).
        self.credit_code = ""
        self.legal_representative = ""
        self.contact = ""
        self.phone = ""
        self.email = ""
        self.region = ""  # the chosen center code; "" is the whole region

    @property
    def __acl__(self):
        return [(Allow, user_principal(self.username), Permissions.EDIT_PROFILE)]

    @property
    def is_staff(self):
        return self.kind == KIND_STAFF

    def holdings(self):
        """[(role, scope)] of everything this account holds; scope "" is the whole portal."""
        return [(r, "") for r in self.roles] + list(self.grants)

    def add_holding(self, role_name, scope):
        """Grant a role on the portal (scope "") or on a center or department."""
        if scope:
            if (role_name, scope) not in self.grants:
                self.grants = (*self.grants, (role_name, scope))
        elif role_name not in self.roles:
            self.roles = (*self.roles, role_name)

    def remove_holding(self, role_name, scope):
        if scope:
            self.grants = tuple(g for g in self.grants if g != (role_name, scope))
        else:
            self.roles = tuple(r for r in self.roles if r != role_name)

    def disable(self):
        """It can't log in any more and its sessions stop working."""
        self.active = False
        self.end_other_sessions()

    def enable(self):
        self.active = True

    def principals(self):
        """Every principal this user acts as, independent of the request's context."""
        found = [user_principal(self.username)]
        found.extend(role(r) for r in self.roles)
        found.extend(grant(r, scope) for r, scope in self.grants)
        return found

    def current_session_token(self):
        """The token a new session names (made on first use)."""
        if self.session_token is None:
            self.session_token = secrets.token_urlsafe(24)
        return self.session_token

    def end_other_sessions(self):
        """Invalidate every session issued before now (logout, password change, disabling):
        a new random token, so no session cookie made before names it."""
        self.session_token = secrets.token_urlsafe(24)
