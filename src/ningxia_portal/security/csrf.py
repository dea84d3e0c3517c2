"""The CSRF token: the session's, or a placeholder while a page is rendered to be shared.

A page kept for many viewers (``web/personal.py``) must not hold one session's token: while
it is rendered, the request names a placeholder (``SHARED_TOKEN_ATTR``) and every form of
the page carries that; each showing puts the viewer's own token in its place. Checking a
token is unchanged.
"""

from pyramid.csrf import SessionCSRFStoragePolicy

SHARED_TOKEN_ATTR = "portal_shared_csrf_token"


class PortalCSRFStoragePolicy(SessionCSRFStoragePolicy):
    def get_csrf_token(self, request):
        shared = getattr(request, SHARED_TOKEN_ATTR, None)
        if shared is not None:
            return shared
        return super().get_csrf_token(request)
