"""The Pyramid 2 security policy: a signed-cookie session names the user; ACLs decide.

The session holds the username and the user's ``auth_epoch``; changing the password or
disabling the account bumps the epoch on the user, which ends every other session.
"""

from pyramid.authentication import SessionAuthenticationHelper
from pyramid.authorization import ACLHelper, Authenticated, Everyone

EPOCH_KEY = "auth.epoch"


class PortalSecurityPolicy:
    def __init__(self, find_user):
        self.helper = SessionAuthenticationHelper()
        self.acl = ACLHelper()
        self.find_user = find_user  # (request, username) -> user or None

    def identity(self, request):
        username = self.helper.authenticated_userid(request)
        if username is None:
            return None
        user = self.find_user(request, username)
        if user is None or not user.active or request.session.get(EPOCH_KEY) != user.auth_epoch:
            return None
        return user

    def authenticated_userid(self, request):
        user = request.identity
        return user.username if user is not None else None

    def effective_principals(self, request):
        user = request.identity
        if user is None:
            return [Everyone]
        return [Everyone, Authenticated, *user.principals()]

    def permits(self, request, context, permission):
        return self.acl.permits(context, self.effective_principals(request), permission)

    def remember(self, request, username, **kw):
        """Start a fresh session for this user (no fixation: the old contents are dropped)."""
        user = self.find_user(request, username)
        request.session.invalidate()
        request.session.new_csrf_token()
        request.session[EPOCH_KEY] = user.auth_epoch if user is not None else None
        return self.helper.remember(request, username, **kw)

    def forget(self, request, **kw):
        request.session.invalidate()
        return self.helper.forget(request, **kw)
