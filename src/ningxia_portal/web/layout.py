"""What every page's layout needs: breadcrumbs from the resource lineage, the site header."""

from markupsafe import Markup, escape
from pyramid.location import lineage
from pyramid.renderers import render

from ningxia_portal.indexing.catalog import catalog_versions
from ningxia_portal.web.pagecache import registry_cache
from ningxia_portal.web.personal import audience, is_shared, join, shared_rendering, split
from ningxia_portal.web.skins import display_key


def breadcrumbs(request):
    """[(title, url)] from below the root to the context; empty on the home page."""
    context = getattr(request, "context", None)
    if context is None or context.__parent__ is None:
        return []
    if getattr(request, "exception", None) is not None:
        return []  # an error page must not name what it refused to show
    translate = request.localizer.translate
    chain = list(lineage(context))[:-1]  # the root is the layout's "home" link
    crumbs = []
    for obj in reversed(chain):
        title = getattr(obj, "title", None) or obj.__name__
        # A folder's title is a message; a center's, an item's … is data, shown as it is.
        crumbs.append(
            (
                translate(title) if hasattr(title, "interpolate") else title,
                request.resource_url(obj),
            )
        )
    return crumbs


HEADER_TEMPLATE = "templates/header.jinja2"
FOOTER_TEMPLATE = "templates/footer.jinja2"
HEADER_TYPES_ATTR = "portal_header_content_types"
HEADER_ENTRIES = 512


def add_header_content_types(config, *content_types):
    """Config directive: the header shows objects of these catalog types (the region
    choices are centers), so its kept renderings follow their versions."""
    types = config.registry.__dict__.setdefault(HEADER_TYPES_ATTR, [])

    def register():
        types.extend(t for t in content_types if t not in types)

    config.action(None, register)


def _kept_headers(registry):
    return registry_cache(registry, "portal_kept_headers", HEADER_ENTRIES)


def site_header(request):
    """The header of every page: rendered once per audience, language, region choice,
    skin and elder mode (and version of what it shows), kept, and shown with this viewer's
    personal parts. While a page is rendered to be shared, the placeholders stay (the page
    is filled whole)."""
    types = tuple(getattr(request.registry, HEADER_TYPES_ATTR, ()))
    root = getattr(request, "root", None)  # absent on an error raised before traversal
    versions = catalog_versions(root, types) if root is not None else None
    key = None
    if versions is not None:
        key = (
            audience(request),
            request.localizer.locale_name,
            request.application_url,
            request.region,
            versions,
            display_key(request),
        )

    def render_shared():
        with shared_rendering(request):
            html = render(HEADER_TEMPLATE, {}, request=request)
        return html, split(html.encode("utf-8"))

    html, pieces = _kept_headers(request.registry).get_or_compute(key, render_shared)
    if is_shared(request):
        return Markup(html)  # noqa: S704 - our template's output, placeholders kept
    return Markup(join(request, pieces).decode("utf-8"))  # noqa: S704 - and escaped parts


def site_footer(request):
    """The footer and scripts of every page, rendered once per language, application URL
    and skin (which may have its own footer) and kept (nothing in them is personal)."""
    key = (request.localizer.locale_name, request.application_url, request.skin)
    html = _kept_headers(request.registry).get_or_compute(
        ("footer", *key), lambda: render(FOOTER_TEMPLATE, {}, request=request)
    )
    return Markup(html)  # noqa: S704 - our template's output


def _account_name(request):
    user = request.identity
    return escape(user.title) if user is not None else Markup()


def _came_from(request):
    return escape(request.path_qs)


def _flash(request):
    session = request.session
    if not session.peek_flash():
        return Markup()
    return Markup("").join(
        Markup('<div class="container flash" role="status">{}</div>\n').format(message)
        for message in session.pop_flash()
    )


def includeme(config):
    config.add_request_method(breadcrumbs, "breadcrumbs", reify=True)
    # Not reified: a page rendered to be shared gets the header with placeholders, and an
    # error page rendered after it in the same request must get the filled one.
    config.add_request_method(site_header, "site_header", property=True)
    config.add_request_method(site_footer, "site_footer", property=True)
    config.add_directive("add_header_content_types", add_header_content_types)
    config.add_personal_part("account_name", _account_name)
    config.add_personal_part("came_from", _came_from)
    config.add_personal_part("flash", _flash)
