"""The CSRF token: the session's, or a placeholder while a page is rendered to be shared.

A page kept for many viewers (``web/personal.py``) must not hold one session's token: while
it is rendered, the request names a placeholder (``SHARED_TOKEN_ATTR``) and every form of
the page carries that; each showing puts the viewer's own token in its place. Checking a
token compares with the session's own token only. The same attribute makes the security
policy decide as the viewer's audience (``policy.py``).
"""

from pyramid.csrf import SessionCSRFStoragePolicy
from pyramid.util import strings_differ

SHARED_TOKEN_ATTR = "portal_shared_csrf_token"  # noqa: S105 - an attribute name
# Set on a request whose answer shows the session's own token (a form): that answer is one
# viewer's own, never kept by a shared cache (web/headers.py).
TOKEN_SHOWN_ATTR = "portal_csrf_token_shown"  # noqa: S105 - an attribute name


class PortalCSRFStoragePolicy(SessionCSRFStoragePolicy):
    def get_csrf_token(self, request):
        shared = getattr(request, SHARED_TOKEN_ATTR, None)
        if shared is not None:
            return shared
        request.__dict__[TOKEN_SHOWN_ATTR] = True
        return super().get_csrf_token(request)

    def check_csrf_token(self, request, supplied_token):
        """Against the session's own token, never the placeholder."""
        expected = super().get_csrf_token(request)
        return not strings_differ(expected.encode("utf-8"), supplied_token.encode("utf-8"))
