"""Region choice (选择地区): which service center's items a visitor sees by default.

``current_region(request)`` is the one function every listing scoped by region uses (the home
page counts, the search's default scope, announcement listings): a center code, or "" for
全区 (all centers). It is remembered in a cookie for everyone and, for a logged-in user, in
the profile (``User.region``), which wins over the cookie so the choice follows the user.

What a choice covers (``region_filters``), as a visitor of a provincial portal expects:

* "" (全区): every center of Ningxia;
* the region's own center (640000, 自治区本级): the items of the region-level center only —
  otherwise it would mean the same as 全区;
* a city (640100 银川市): the city's center *and* its counties' centers (items whose
  ``scope_codes`` contain the city's code), i.e. everything handled in that city;
* a county (640104 兴庆区): that county's center only.
"""

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from ningxia_portal.catalogue.resources import Center
from ningxia_portal.core.root import Portal
from ningxia_portal.i18n import _
from ningxia_portal.indexing.catalog import catalog_versions
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.security.redirects import safe_came_from
from ningxia_portal.web.pagecache import LRUCache
from ningxia_portal.web.preferences import remember_choice

REGION_COOKIE = "portal_region"


def find_center(request, code):
    """The Center named ``code`` (a string of digits), or None."""
    if not isinstance(code, str) or not code.isdigit() or len(code) != 6:
        return None
    root = getattr(request, "root", None)  # absent on an error page raised before traversal
    centers = root.get("centers") if root is not None else None
    center = centers.get(code) if centers is not None else None
    return center if isinstance(center, Center) else None


def current_region(request):
    """The chosen center code, or "" for 全区. Unknown or stale values count as 全区."""
    user = getattr(request, "identity", None)
    code = getattr(user, "region", None) if user is not None else None
    if code is None:
        code = request.cookies.get(REGION_COOKIE, "")
    return code if find_center(request, code) is not None else ""


def region_filters(request, code):
    """Catalog filters (for ``CatalogSearch.query``) that a region choice stands for."""
    center = find_center(request, code) if code else None
    if center is None:
        return {}
    if center.level == "region":
        return {"center": center.code}
    return {"scope": center.code}


_CHOICES = LRUCache(64)  # (catalog versions of centers, locale) -> choices


def center_choices(request):
    """[(group label, [(code, label)])] of every center, region/city/county order.

    The first option is 全区 (""); the region's own center reads 自治区本级 and a city reads
    e.g. 银川市（全市）, because choosing it includes its counties. Every page's header shows
    them, so they are kept per version of the centers (the catalog's change counter for
    ``Center``, bumped by every add, edit and removal) and locale.
    """
    root = getattr(request, "root", None)
    versions = catalog_versions(root, ("Center",))
    key = (versions, request.localizer.locale_name) if versions is not None else None
    return _CHOICES.get_or_compute(key, lambda: _center_choices(request, root))


def _center_choices(request, root):
    from ningxia_portal.catalogue.views import center_tree

    translate = request.localizer.translate
    groups = []
    centers = root.get("centers") if root is not None else None
    for region, cities in center_tree(centers) if centers is not None else []:
        groups.append(
            (
                region.title,
                [
                    ("", translate(_("Whole region"))),
                    (region.code, translate(_("Region-level center"))),
                ],
            )
        )
        for city, counties in cities:
            options = [
                (city.code, translate(_("${name} (whole city)", mapping={"name": city.title})))
            ]
            options.extend((county.code, county.title) for county in counties)
            groups.append((city.title, options))
    if not groups:
        groups.append(("", [("", translate(_("Whole region")))]))
    return groups


def region_label(request, code=None):
    """What the header shows for the current (or given) choice."""
    code = current_region(request) if code is None else code
    center = find_center(request, code) if code else None
    translate = request.localizer.translate
    if center is None:
        return translate(_("Whole region"))
    if center.level == "region":
        return translate(_("Region-level center"))
    if center.level == "city":
        return translate(_("${name} (whole city)", mapping={"name": center.title}))
    return center.title


@view_config(context=Portal, name="set-region", request_method="GET", permission=Permissions.VIEW)
def set_region_by_link(context, request):
    """An anonymous visitor's choice (the header's GET form: anonymous pages are the same
    for everyone and carry no CSRF token): only the cookie changes.

    A logged-in user's choice is stored in the profile, which only a POST with the CSRF
    token changes (``set_region``): a link or an image on another site changes nothing.
    """
    if request.identity is not None:
        return HTTPFound(location=safe_came_from(request, request.params.get("came_from")))
    return _choose(request, store=False)


@view_config(context=Portal, name="set-region", request_method="POST", permission=Permissions.VIEW)
def set_region(context, request):
    """Remember the chosen center: the header's POST form of logged-in users (Pyramid has
    checked its CSRF token before the view runs). Works without JavaScript."""
    return _choose(request, store=True)


def _choose(request, store):
    """Set the cookie (and, when ``store``, the profile) to the chosen code; go back.

    An unknown code changes nothing; the visitor goes back to the page they came from.
    """
    code = request.params.get("region", "")
    response = HTTPFound(location=safe_came_from(request, request.params.get("came_from")))
    if code and find_center(request, code) is None:
        return response
    return remember_choice(request, response, REGION_COOKIE, code, "region", code, store)


def includeme(config):
    config.add_request_method(current_region, "region", reify=True)
    config.add_request_method(center_choices, "region_choices", reify=True)
    config.add_request_method(region_label, "region_label", reify=True)
    # The header's region choices are the centers: its kept renderings follow them.
    config.add_header_content_types("Center")
