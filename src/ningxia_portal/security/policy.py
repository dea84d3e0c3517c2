"""The Pyramid 2 security policy: a signed-cookie session names the user; ACLs decide.

The session holds the username and the user's random ``session_token``; logging out,
changing the password or disabling the account gives the user a new token, which ends every
session made before. Knowing the signing secret alone therefore forges nobody: a session
must also name the token, which is random and never shown.
"""

import hmac

from pyramid.authentication import SessionAuthenticationHelper
from pyramid.authorization import ACLHelper, Authenticated, Everyone
from pyramid.request import RequestLocalCache

from ningxia_portal.security.csrf import SHARED_TOKEN_ATTR
from ningxia_portal.security.permissions import user_principal

TOKEN_KEY = "auth.token"  # noqa: S105 - the name of a session key
SINCE_KEY = "auth.since"  # when the session logged in, as a UTC timestamp


class PortalSecurityPolicy:
    def __init__(self, find_user):
        self.helper = SessionAuthenticationHelper()
        self.acl = ACLHelper()
        self.find_user = find_user  # (request, username) -> user or None
        self._cache = RequestLocalCache(self._load)  # (user, principals) of a request

    def identity(self, request):
        """The logged-in User or None; computed once per request (a page asks often:
        templates, permission checks, listings), again after remember/forget."""
        return self._cached(request)[0]

    def _cached(self, request):
        return self._cache.get_or_create(request)

    def known_identity(self, request):
        """The identity if this request has looked it up already, else None: never a
        lookup (web/headers.py asks once the transaction has ended)."""
        found = self._cache.get(request, None)
        return found[0] if found is not None else None

    def _load(self, request):
        user = self._identity(request)
        principals = [Everyone] if user is None else [Everyone, Authenticated]
        if user is not None:
            principals.extend(user.principals())
        return user, principals

    def _identity(self, request):
        username = self.helper.authenticated_userid(request)
        if username is None:
            return None
        user = self.find_user(request, username)
        if user is None or not user.active or not self._token_matches(request, user):
            return None
        since = request.session.get(SINCE_KEY)
        if not isinstance(since, int | float) or self.now(request) - since > self.max_age(request):
            return None  # however active, a session ends this long after its login
        return user

    @staticmethod
    def _token_matches(request, user):
        """One attribute read on the user already loaded, compared in constant time."""
        token, expected = request.session.get(TOKEN_KEY), user.session_token
        if not isinstance(token, str) or expected is None:
            return False
        return hmac.compare_digest(token.encode(), expected.encode())

    @staticmethod
    def now(request):
        from ningxia_portal.core.clock import get_clock

        return get_clock(request.registry).now().timestamp()

    @staticmethod
    def max_age(request):
        return request.registry.settings["portal.session_max_age"]

    def authenticated_userid(self, request):
        user = request.identity
        return user.username if user is not None else None

    def effective_principals(self, request):
        principals = self._cached(request)[1]
        if getattr(request, SHARED_TOKEN_ATTR, None) is not None:
            # A page rendered to be kept for many viewers (web/personal.py) decides as
            # their audience: the viewer's own ``user:`` principal can't grant it anything.
            user = request.identity
            own = user_principal(user.username) if user is not None else None
            return [p for p in principals if p != own]
        return list(principals)

    def permits(self, request, context, permission):
        return self.acl.permits(context, self.effective_principals(request), permission)

    def remember(self, request, username, **kw):
        """Start a fresh session for this user (no fixation: the old contents are dropped)."""
        user = self.find_user(request, username)
        self._cache.clear(request)
        request.session.invalidate()
        request.session.new_csrf_token()
        request.session[TOKEN_KEY] = user.current_session_token() if user is not None else None
        request.session[SINCE_KEY] = self.now(request)
        return self.helper.remember(request, username, **kw)

    def forget(self, request, **kw):
        """Log out: the cookie is signed, not stored, so a copy of it would stay valid;
        a new token on the user ends this session and every copy of it."""
        user = request.identity
        if user is not None:
            user.end_other_sessions()
        self._cache.clear(request)
        request.session.invalidate()
        return self.helper.forget(request, **kw)
