"""Security headers on every answer, and ``Cache-Control: private, no-store`` on personal ones.

A tween at the top of the chain (above the transaction and the exception views, so error
pages, redirects, JSON, downloads and static files all get them) adds header strings made
once at start-up; a header a view has set itself (a download's own policy) is kept.

The Content-Security-Policy runs scripts from the portal's own files only: no inline
``<script>``, no ``on…=`` handler, no ``javascript:`` address, no ``eval``. What templates
used to say inline is in ``web/static/portal.js`` (and the domains' own static scripts),
read from data attributes; deform's widget templates that put a script or handler inline
(the date input, the sequence and its items, the form's ajax block) are overridden in
``web/templates/deform/`` without them (``tests/unit/web/test_headers.py`` checks that
no other such widget is used).

Why files and no nonces: most pages are kept and shared (``web/pagecache.py`` keeps
rendered anonymous pages whole and serves the same bytes to every visitor; the header,
footer and charts are kept too). A per-request nonce baked into a kept body would be the
same for every visitor and would have to be kept with it and sent again, a secret shared
by everyone who saw the page; a nonce put in per showing would make every kept anonymous
page be cut and joined. With no inline script at all, every kept page stays valid as it
is, and the policy is one constant string.

Styles: ``style-src 'self' 'unsafe-inline'``. The statistics charts are pygal's inline SVG,
whose ``<style>`` names the chart's generated id (kept per figures, so no fixed hash list
can name them), deform's sequence template carries a ``<style>`` block and ``style=``
attributes, and the printable notice its print rules; a nonce there would meet the same
kept-page problem. Inline CSS runs no script: what an injected style could do is what the
templates' escaping already keeps out, and scripts stay locked to files.

``img-src`` allows ``data:`` for Bootstrap's CSS (its select arrows and checkmarks are
``data:`` SVGs). ``frame-ancestors 'none'`` (and ``X-Frame-Options: DENY`` for older
browsers) keeps every page out of another site's frame. HSTS only when
``portal.hsts`` says so (production.ini): a development server on plain HTTP must not
teach the browser to insist on HTTPS for localhost.

Personal answers: a response to a logged-in viewer (the identity the request already
looked up: pyramid_tm asks first thing; never a lookup here, after the transaction) or one
that carries the session's CSRF token (a login form) is one viewer's own:
``Cache-Control: private, no-store``, so no shared cache and no browser history keeps it.
Static files (``__``-named routes of static views) are the same for everyone and keep
their caching; public pages seen anonymously keep theirs.
"""

import html

from pyramid.httpexceptions import HTTPException
from pyramid.interfaces import ISecurityPolicy
from pyramid.tweens import INGRESS

from ningxia_portal.security.csrf import TOKEN_SHOWN_ATTR

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)
PRIVATE = "private, no-store"


def security_headers(settings):
    """The headers every answer gets, as (name, value) pairs."""
    headers = [
        ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "same-origin"),
        ("Permissions-Policy", PERMISSIONS_POLICY),
    ]
    hsts = (settings.get("portal.hsts") or "").strip()
    if hsts:
        headers.append(("Strict-Transport-Security", hsts))
    return tuple(headers)


def _known_identity(policy):
    known = getattr(policy, "known_identity", None)
    if known is not None:
        return known
    return lambda request: None  # another policy (a test's): nobody is known


def is_personal(request, known_identity):
    """Whether the answer depends on who asks: a logged-in viewer's (but a static file),
    or one that shows the session's CSRF token."""
    if request.__dict__.get(TOKEN_SHOWN_ATTR):
        return True
    route = request.matched_route
    if route is not None and route.name.startswith("__"):
        return False  # a static view's file
    return known_identity(request) is not None


def brief_redirect(response):
    """Give a redirect with no body of its own a one-link note for a body.

    Left empty, Pyramid writes one when the answer is sent: it parses the Accept header,
    picks HTML, JSON or text, and escapes every header and WSGI variable into its
    template. That cost a tenth of a filing submission's CPU, for a page no browser shows.
    """
    if (
        isinstance(response, HTTPException)
        and 300 <= response.status_code < 400
        and response.location
        and not response.has_body
    ):
        href = html.escape(response.location, quote=True)
        response.body = f'<a href="{href}">{href}</a>'.encode()


def security_headers_tween_factory(handler, registry):
    headers = security_headers(registry.settings)
    names = {name.lower() for name, _value in headers}
    known_identity = _known_identity(registry.queryUtility(ISecurityPolicy))

    def security_headers_tween(request):
        response = handler(request)
        brief_redirect(response)
        headerlist = response.headerlist
        present = names.intersection(name.lower() for name, _value in headerlist)
        if present:
            headerlist.extend(h for h in headers if h[0].lower() not in present)
        else:
            headerlist.extend(headers)
        if is_personal(request, known_identity):
            response.headers["Cache-Control"] = PRIVATE
        return response

    return security_headers_tween


def includeme(config):
    # Right under INGRESS: outside the transaction, the retry and the exception views, so
    # whatever answer they make gets the headers.
    config.add_tween("ningxia_portal.web.headers.security_headers_tween_factory", under=INGRESS)
