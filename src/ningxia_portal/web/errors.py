"""Chinese 400, 404 and 403 pages (also as JSON for API clients).

Anonymous visitors refused a page are sent to log in first and come back afterwards;
logged-in users without the permission see the 403 page.
"""

from urllib.parse import urlencode

from pyramid.exceptions import BadCSRFOrigin, BadCSRFToken
from pyramid.httpexceptions import HTTPFound
from pyramid.view import exception_view_config, forbidden_view_config, notfound_view_config

from ningxia_portal.i18n import _
from ningxia_portal.web.multipart import UnreadableForm


def _wants_json(request):
    offers = request.accept.acceptable_offers(["text/html", "application/json"])
    return bool(offers) and offers[0][0] == "application/json"


@notfound_view_config(renderer="templates/404.jinja2")
def not_found(exc, request):
    request.response.status = 404
    request.breadcrumbs = []  # the context may be an object the viewer may not see
    if _wants_json(request):
        request.override_renderer = "json"
        return {"error": "not_found", "status": 404}
    return {}


@forbidden_view_config(renderer="templates/403.jinja2")
def forbidden(exc, request):
    if request.identity is None:
        if _wants_json(request):
            request.response.status = 401
            request.override_renderer = "json"
            return {"error": "login_required", "status": 401}
        came_from = request.path_qs if request.method == "GET" else request.path
        query = urlencode({"came_from": came_from})
        return HTTPFound(location=f"{request.application_url}/login?{query}")
    request.response.status = 403
    request.breadcrumbs = []  # the context's title is exactly what the viewer may not see
    if _wants_json(request):
        request.override_renderer = "json"
        return {"error": "forbidden", "status": 403}
    return {}


@exception_view_config(BadCSRFOrigin, renderer="templates/400.jinja2")
@exception_view_config(BadCSRFToken, renderer="templates/400.jinja2")
def bad_csrf_token(exc, request):
    """A form posted without the session's token (an expired page) or from another site."""
    request.response.status = 400
    if _wants_json(request):
        request.override_renderer = "json"
        return {"error": "bad_csrf_token", "status": 400}
    return {}


@exception_view_config(UnreadableForm, renderer="templates/400.jinja2")
def unreadable_form(exc, request):
    """A form body that can't be read (web/multipart.py): an upload cut short."""
    request.response.status = 400
    if _wants_json(request):
        request.override_renderer = "json"
        return {"error": "unreadable_form", "status": 400}
    translate = request.localizer.translate
    return {
        "heading": translate(_("The form could not be read")),
        "message": translate(
            _(
                "The upload was interrupted or damaged. Nothing was saved. "
                "Go back and submit the form again."
            )
        ),
    }
