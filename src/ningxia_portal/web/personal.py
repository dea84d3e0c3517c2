"""Personal parts: what differs between two viewers of the same page, put in when it is shown.

A page is mostly the same for everyone who may see the same things: the item, the search
results, the header's region choices and links. Only a few parts are one viewer's own: the
name in the header, the CSRF token of their session, the counts beside their links, their
flash messages, their blocks on the home page. Those are *personal parts*, each a function
of the request registered by name::

    config.add_personal_part("account_name", lambda request: escape(request.identity.title))

and a template shows one with ``{{ request.personal("account_name") }}``.

Usually that is the part itself. While a page is rendered to be kept for many viewers
(``shared_rendering``), it is a placeholder instead, and ``fill`` puts each viewer's parts
in when the kept page (or header) is shown: the shared part is rendered once, the personal
parts per request. The CSRF token follows the same rule wherever it is rendered (a form in
the page): the CSRF policy answers the placeholder while the page is shared
(``security/csrf.py``).

- Placeholders hold a random token made when the process starts: no text a user writes can
  be one, and kept renderings live in this process only.
- ``fill`` replaces them in one pass; a part's own text is never read again. A kept
  rendering is cut at its placeholders once (``split``), and each showing only joins the
  pieces with the viewer's parts (``join``).
- A part is computed once per request, however often the page shows it, and only if the
  page shows it.
- A part returns safe HTML (``Markup``, escaped where it holds a value); an empty string
  leaves nothing.
"""

import re
import secrets
from contextlib import contextmanager

from markupsafe import Markup, escape

from ningxia_portal.security.csrf import SHARED_TOKEN_ATTR
from ningxia_portal.security.permissions import user_principal

PARTS_ATTR = "portal_personal_parts"
_PREFIX = f"personal{secrets.token_hex(12)}"
_PATTERN = re.compile((re.escape(_PREFIX) + r"-([a-z_]+)-").encode())
_SHARED_ATTR = "portal_shared_rendering"
_VALUES_ATTR = "portal_personal_values"
_AUDIENCE_ATTR = "portal_audience"

CSRF = "csrf"  # the session's CSRF token, wherever a form of the page carries it


def placeholder(name):
    if not re.fullmatch(r"[a-z_]+", name):
        raise ValueError("a personal part's name is lowercase letters and underscores")
    return f"{_PREFIX}-{name}-"


def add_personal_part(config, name, render):
    """Config directive: ``render(request) -> Markup`` is the part ``name`` of every page."""
    placeholder(name)  # checks the name
    parts = config.registry.__dict__.setdefault(PARTS_ATTR, {})

    def register():
        parts[name] = render

    # Two features naming one part conflict at config time.
    config.action(("portal_personal_part", name), register)


def is_shared(request):
    return getattr(request, _SHARED_ATTR, False)


@contextmanager
def shared_rendering(request):
    """Within: pages and headers render placeholders for the personal parts (kept for
    many viewers); after: as before."""
    before = is_shared(request)
    setattr(request, _SHARED_ATTR, True)
    setattr(request, SHARED_TOKEN_ATTR, placeholder(CSRF))
    try:
        yield
    finally:
        setattr(request, _SHARED_ATTR, before)
        if not before:
            delattr(request, SHARED_TOKEN_ATTR)


def personal(request, name):
    """The request method ``request.personal(name)``: the part, or its placeholder while
    the page is rendered to be shared."""
    if is_shared(request):
        return Markup(placeholder(name))  # noqa: S704 - letters, digits, hyphens
    return _value(request, name)


def _value(request, name):
    values = request.__dict__.setdefault(_VALUES_ATTR, {})
    found = values.get(name)
    if found is None:
        render = request.registry.__dict__.get(PARTS_ATTR, {}).get(name)
        if render is None:
            raise LookupError(f"no personal part named {name!r}")
        # A part is safe HTML by contract (see the module's notes).
        found = values[name] = Markup(render(request))  # noqa: S704
    return found


def split(body):
    """A kept rendering (bytes) cut at its placeholders, once: ``(text, name, text, …)``
    for ``join``, which then never scans the text again."""
    return tuple(_PATTERN.split(body))


def join(request, pieces):
    """The rendering of ``split`` with this viewer's personal parts put in."""
    out = list(pieces)
    for i in range(1, len(out), 2):
        out[i] = _value(request, out[i].decode()).encode("utf-8")
    return b"".join(out)


def fill(request, body):
    """``body`` (bytes of a kept rendering) with this viewer's personal parts put in."""
    return join(request, split(body))


def audience(request):
    """Who a shared rendering is for: the viewer's principals but their own name. Pages
    and headers kept for an audience read only objects whose ACLs name roles and scopes,
    never a user (owned objects: cases, appointments … are personal parts or their own
    pages), so everyone with the same roles where it matters sees the same."""
    user = request.identity
    kept = request.__dict__.get(_AUDIENCE_ATTR)
    if kept is not None and kept[0] is user:  # the same inside a shared rendering and out
        return kept[1]
    principals = set(request.effective_principals)
    if user is not None:
        principals.discard(user_principal(user.username))
    found = tuple(sorted(principals))
    request.__dict__[_AUDIENCE_ATTR] = (user, found)  # again after a login or logout
    return found


def viewer_key(request):
    """What a rendering kept for one logged-in viewer depends on besides its data versions:
    the account (a change of name, kind or roles gives a new serial), the audience, the
    language, the application URL and the skin (whose templates it may have)."""
    user = request.identity
    return (
        user.username,
        user._p_serial,
        audience(request),
        request.localizer.locale_name,
        request.application_url,
        request.skin,
    )


def _csrf(request):
    from pyramid.csrf import get_csrf_token

    return escape(get_csrf_token(request))


def includeme(config):
    config.add_directive("add_personal_part", add_personal_part)
    config.add_request_method(personal, "personal")
    config.add_personal_part(CSRF, _csrf)
