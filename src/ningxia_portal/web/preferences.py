"""The header's display forms: skin (/skin), elder mode (/elder) and language (/language).

Each is a POST that remembers the choice and goes back to the page it came from; no
JavaScript needed. A visitor's choice is a cookie; a logged-in user's is also stored in
their profile (an attribute of the account), so it follows them to another browser.

Anonymous pages are kept as the same bytes for everyone and carry no session token, so a
visitor's form is checked by where it comes from instead (``Origin`` and the browser's
``Sec-Fetch-Site``: another site's form changes nothing); a logged-in user's form carries
the session's CSRF token and is checked against it, as every other form.
"""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from pyramid.csrf import check_csrf_token
from pyramid.exceptions import BadCSRFOrigin
from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from ningxia_portal.core.events import ObjectModified
from ningxia_portal.core.root import Portal
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.security.redirects import safe_came_from
from ningxia_portal.web.i18n import LANGUAGES
from ningxia_portal.web.skins import COOKIE_MAX_AGE, ELDER_COOKIE, SKIN_COOKIE, skin_names

LOCALE_COOKIE = "_LOCALE_"  # Pyramid's own name: its negotiator reads it too


def _check(request):
    """A logged-in user's session token, or a visitor's form from this very site."""
    if request.identity is not None:
        check_csrf_token(request)  # raises BadCSRFToken: the 400 page
        return
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
        raise BadCSRFOrigin("a display preference posted from another site")
    origin = request.headers.get("Origin")
    # The host alone: behind a proxy that ends TLS the scheme and port differ.
    if origin and origin != "null" and urlsplit(origin).hostname != request.domain:
        raise BadCSRFOrigin("a display preference posted from another site")


def _back(request, drop=()):
    """Back to the page the form was on (this site only), without the ``drop`` parameters
    (a ``?_LOCALE_=en`` in the address would overrule the language just chosen)."""
    url = safe_came_from(request, request.params.get("came_from"))
    if drop:
        parts = urlsplit(url)
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in drop]
        url = urlunsplit(parts._replace(query=urlencode(query)))
    return HTTPFound(location=url)


def remember_choice(request, response, cookie, value, attr, stored, store=True):
    """Keep a viewer's choice: ``value`` in the cookie ``cookie`` (for a year) and, for a
    logged-in user when ``store``, ``stored`` in the profile's ``attr``. Returns
    ``response``."""
    response.set_cookie(
        cookie,
        value,
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        path="/",
        secure=request.registry.settings["portal.cookie_secure"],
    )
    user = request.identity if store else None
    if user is not None and getattr(user, attr, None) != stored:
        setattr(user, attr, stored)
        request.registry.notify(ObjectModified(user))
    return response


_FORM = {
    "context": Portal,
    "request_method": "POST",
    "permission": Permissions.VIEW,
    "require_csrf": False,  # checked by _check: a token for users, the origin for visitors
}


@view_config(name="skin", **_FORM)
def choose_skin(context, request):
    """The skin menu: an unknown name changes nothing."""
    _check(request)
    name = request.params.get("skin", "")
    response = _back(request)
    if name not in skin_names(request.registry):
        return response
    return remember_choice(request, response, SKIN_COOKIE, name, "skin", name)


@view_config(name="elder", **_FORM)
def choose_elder(context, request):
    """The 长者模式 switch: ``elder=1`` turns it on, anything else off."""
    _check(request)
    on = request.params.get("elder") == "1"
    return remember_choice(request, _back(request), ELDER_COOKIE, "1" if on else "0", "elder", on)


@view_config(name="language", **_FORM)
def choose_language(context, request):
    """中文 / English: one of the portal's languages, else nothing changes."""
    _check(request)
    name = request.params.get("language", "")
    response = _back(request, drop=(LOCALE_COOKIE,))
    if name not in LANGUAGES:
        return response
    return remember_choice(request, response, LOCALE_COOKIE, name, "language", name)


@view_config(name="skin", context=Portal, request_method="GET", permission=Permissions.VIEW)
@view_config(name="elder", context=Portal, request_method="GET", permission=Permissions.VIEW)
@view_config(name="language", context=Portal, request_method="GET", permission=Permissions.VIEW)
def back_without_change(context, request):
    """A link to one of the forms' addresses (or a reload after one) changes nothing."""
    return _back(request)
