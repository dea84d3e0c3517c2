"""Chinese 400, 404, 403 and 413 pages (also as JSON for API clients).

Anonymous visitors refused a page are sent to log in first and come back afterwards;
logged-in users without the permission see the 403 page.

No existence oracles: an object the viewer may not see answers exactly as a missing one
would in its place, so that sequential case numbers or usernames can't be counted or tried.
The portal's *structure* (the root, its containers, the sections of ``/manage/``) is known
to everyone; everything below it is *content*. Whether a viewer "may see" a resource is
``Permissions.VIEW`` on it.

* A logged-in viewer refused content they may not see gets the 404 of a missing object
  (page, JSON and downloads alike); refused something they may see (a case's owner-only
  action for its reviewer), the 403 page.
* An anonymous visitor gets, for hidden and missing content alike, the answer its innermost
  structural container gives: the login redirect (or 401 JSON) below one they may not see
  (``/filings/``, ``/messages/``, ``/manage/accounts/`` …), the 404 below a public one
  (a draft announcement in ``/announcements/``).
"""

from urllib.parse import urlencode

from pyramid.exceptions import BadCSRFOrigin, BadCSRFToken
from pyramid.httpexceptions import HTTPFound
from pyramid.view import exception_view_config, forbidden_view_config, notfound_view_config

from ningxia_portal.core.manage import Manage
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.web.limits import BODY, FIELDS, RequestTooLarge
from ningxia_portal.web.multipart import UnreadableForm

NOT_FOUND_TEMPLATE = "ningxia_portal:web/templates/404.jinja2"


def wants_json(request):
    offers = request.accept.acceptable_offers(["text/html", "application/json"])
    return bool(offers) and offers[0][0] == "application/json"


def _answer(request, status, error, page=None):
    """The error page's values (``page``), or ``{"error", "status"}`` as JSON for API
    clients; with the status either way."""
    request.response.status = status
    if wants_json(request):
        request.override_renderer = "json"
        return {"error": error, "status": status}
    return page or {}


def is_structure(resource):
    """The root, a top-level container or a section of ``/manage/``: known to exist."""
    parent = resource.__parent__
    return parent is None or parent.__parent__ is None or isinstance(parent, Manage)


def _container(resource):
    """The innermost structural resource at or above ``resource``."""
    while not is_structure(resource):
        resource = resource.__parent__
    return resource


def _may_see(request, resource):
    return bool(request.has_permission(Permissions.VIEW, resource))


def _traversed(request):
    """The resource traversal reached (None when the request failed before it)."""
    context = getattr(request, "context", None)
    return context if hasattr(context, "__parent__") else None


ENTERED_ATTR = "portal_view_entered"


def mark_entered(view, info):
    """View deriver: note that a view was let in (its permission granted) and ran. A 404 it
    raises itself is its own answer; only a 404 of traversal stands for hidden content."""

    def entered(context, request):
        if getattr(request, "exception", None) is None:
            setattr(request, ENTERED_ATTR, True)
        return view(context, request)

    return entered


def _login_first(request):
    """The anonymous visitor's refusal: 401 JSON, or log in and come back here."""
    if wants_json(request):
        return _answer(request, 401, "login_required")
    came_from = request.path_qs if request.method == "GET" else request.path
    query = urlencode({"came_from": came_from})
    return HTTPFound(location=f"{request.application_url}/login?{query}")


def _not_found_answer(request):
    request.breadcrumbs = []  # the context may be an object the viewer may not see
    return _answer(request, 404, "not_found")


@notfound_view_config(renderer="templates/404.jinja2")
def not_found(exc, request):
    context = _traversed(request)
    if (
        request.identity is None
        and context is not None
        and not getattr(request, ENTERED_ATTR, False)
        and not _may_see(request, _container(context))
    ):
        return _login_first(request)  # as for what exists there but is not theirs to see
    return _not_found_answer(request)


@forbidden_view_config(renderer="templates/403.jinja2")
def forbidden(exc, request):
    context = _traversed(request)
    hidden = context is not None and not is_structure(context) and not _may_see(request, context)
    if request.identity is None:
        if hidden and _may_see(request, _container(context)):
            request.override_renderer = NOT_FOUND_TEMPLATE
            return _not_found_answer(request)  # a missing sibling's answer
        return _login_first(request)
    if hidden:
        request.override_renderer = NOT_FOUND_TEMPLATE
        return _not_found_answer(request)
    request.breadcrumbs = []  # the context's title is exactly what the viewer may not see
    return _answer(request, 403, "forbidden")


@exception_view_config(BadCSRFOrigin, renderer="templates/400.jinja2")
@exception_view_config(BadCSRFToken, renderer="templates/400.jinja2")
def bad_csrf_token(exc, request):
    """A form posted without the session's token (an expired page) or from another site."""
    return _answer(request, 400, "bad_csrf_token")


@exception_view_config(UnreadableForm, renderer="templates/400.jinja2")
def unreadable_form(exc, request):
    """A form body that can't be read (web/multipart.py): an upload cut short."""
    translate = request.localizer.translate
    page = {
        "heading": translate(_("The form could not be read")),
        "message": translate(
            _(
                "The upload was interrupted or damaged. Nothing was saved. "
                "Go back and submit the form again."
            )
        ),
    }
    return _answer(request, 400, "unreadable_form", page)


@exception_view_config(RequestTooLarge, renderer="templates/400.jinja2")
def request_too_large(exc, request):
    """A request above a bound of web/limits.py: its body, its fields or its files."""
    translate = request.localizer.translate
    if exc.bound == BODY:
        mb = f"{exc.limit / 1024 / 1024:g}"
        message = _("The request is larger than ${max} MB.", mapping={"max": mb})
    elif exc.bound == FIELDS:
        message = _("The form has more than ${max} fields.", mapping={"max": exc.limit})
    else:
        message = _("More than ${max} files were sent at once.", mapping={"max": exc.limit})
    page = {
        "heading": translate(_("The request is too large")),
        "message": " ".join(
            [
                translate(message),
                translate(_("Nothing was saved. Send fewer or smaller files at a time.")),
            ]
        ),
    }
    answer = _answer(request, 413, "request_too_large", page)
    if isinstance(answer, dict) and "error" in answer:
        answer.update(bound=exc.bound, limit=exc.limit)
    return answer
