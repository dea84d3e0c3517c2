"""Chinese 400, 404, 403 and 413 pages (also as JSON for API clients).

Anonymous visitors refused a page are sent to log in first and come back afterwards;
logged-in users without the permission see the 403 page.
"""

from urllib.parse import urlencode

from pyramid.exceptions import BadCSRFOrigin, BadCSRFToken
from pyramid.httpexceptions import HTTPFound
from pyramid.view import exception_view_config, forbidden_view_config, notfound_view_config

from ningxia_portal.i18n import _
from ningxia_portal.web.limits import BODY, FIELDS, RequestTooLarge
from ningxia_portal.web.multipart import UnreadableForm


def _wants_json(request):
    offers = request.accept.acceptable_offers(["text/html", "application/json"])
    return bool(offers) and offers[0][0] == "application/json"


def _answer(request, status, error, page=None):
    """The error page's values (``page``), or ``{"error", "status"}`` as JSON for API
    clients; with the status either way."""
    request.response.status = status
    if _wants_json(request):
        request.override_renderer = "json"
        return {"error": error, "status": status}
    return page or {}


@notfound_view_config(renderer="templates/404.jinja2")
def not_found(exc, request):
    request.breadcrumbs = []  # the context may be an object the viewer may not see
    return _answer(request, 404, "not_found")


@forbidden_view_config(renderer="templates/403.jinja2")
def forbidden(exc, request):
    if request.identity is None:
        if _wants_json(request):
            return _answer(request, 401, "login_required")
        came_from = request.path_qs if request.method == "GET" else request.path
        query = urlencode({"came_from": came_from})
        return HTTPFound(location=f"{request.application_url}/login?{query}")
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
