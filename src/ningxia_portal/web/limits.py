"""Bounded work per request: a body, its fields and its files are counted before the
portal reads them, and a request above a bound is answered 413 with a page that says
which bound (JSON for API clients; web/errors.py).

The body's size is known from ``Content-Length`` before anything reads it (waitress sets
it for a chunked body too, once it has buffered it, and refuses a body above its own
``max_request_body_size`` before the portal sees it). Fields and files are counted while
the form is parsed (web/multipart.py): parsing stops at the first part past the bound.
"""

from pyramid.httpexceptions import HTTPRequestEntityTooLarge
from pyramid.tweens import EXCVIEW

# Defaults of the settings (settings.py), for a request made outside the application.
MAX_BYTES = 100 * 1024 * 1024
MAX_FIELDS = 4000
MAX_FILES = 64

BODY, FIELDS, FILES = "body", "fields", "files"


class RequestTooLarge(HTTPRequestEntityTooLarge):
    """A request above one of the bounds; ``bound`` names which, ``limit`` its value."""

    def __init__(self, bound, limit):
        super().__init__(f"request above the {bound} bound ({limit})")
        self.bound = bound
        self.limit = limit


def request_limits(request):
    """(bytes, fields, files) that one request may carry."""
    registry = getattr(request, "registry", None)
    settings = getattr(registry, "settings", None) or {}
    return (
        settings.get("portal.request_max_bytes", MAX_BYTES),
        settings.get("portal.request_max_fields", MAX_FIELDS),
        settings.get("portal.request_max_files", MAX_FILES),
    )


def check_urlencoded(request):
    """Refuse an ``application/x-www-form-urlencoded`` body with too many fields (counted
    in its bytes, before WebOb splits it into a dictionary)."""
    max_fields = request_limits(request)[1]
    if request.body.count(b"&") + 1 > max_fields:
        raise RequestTooLarge(FIELDS, max_fields)


def body_limit_tween_factory(handler, registry):
    max_bytes = registry.settings.get("portal.request_max_bytes", MAX_BYTES)

    def tween(request):
        length = request.content_length
        if length is not None and length > max_bytes:
            raise RequestTooLarge(BODY, max_bytes)
        return handler(request)

    return tween


def includeme(config):
    # Under the exception view, so the refusal is rendered by web/errors.py.
    config.add_tween("ningxia_portal.web.limits.body_limit_tween_factory", under=EXCVIEW)
