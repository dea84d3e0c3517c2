"""Chinese 404 and 403 pages (also as JSON for API clients)."""

from pyramid.view import forbidden_view_config, notfound_view_config


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
    request.response.status = 403
    request.breadcrumbs = []  # the context's title is exactly what the viewer may not see
    if _wants_json(request):
        request.override_renderer = "json"
        return {"error": "forbidden", "status": 403}
    return {}
