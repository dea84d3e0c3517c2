"""The main navigation's personal links, each with an optional count beside it.

A feature adds its link in its own ``includeme``; the layout shows the links the viewer may
use, with the number of things waiting for them (a reviewer's appointments to answer, say)::

    config.add_nav_link(
        "appointments",
        title=lambda request: _("My appointments") if … else _("Appointments to answer"),
        path="appointments/",
        order=30,
        available=lambda request: request.identity is not None,
        count=waiting_appointments,  # request -> int or None (no badge)
    )

``title`` is a TranslationString or a callable(request) returning one. ``count`` must be
cheap: it runs on every page a logged-in person sees (read a ``BTrees.Length``, never load
objects). Anonymous pages show none of these links, so they stay cacheable.

A link with a count names the catalog types the count reads (``content_types``): the
links' rendering is then kept per viewer (their account and roles) until an object of one
of those types is catalogued, changed or removed, which is when a count can change. A count
that reads no catalog names its ``version`` instead: ``version(request)``, cheap, changes
whenever the count can (the message box's unread counter). While any counted link names
neither, the links are rendered for every request. ``badge(request, count) -> Markup``
words a link's count its own way (default: "3 waiting").
"""

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from ningxia_portal.core.directives import add_ordered
from ningxia_portal.i18n import _
from ningxia_portal.indexing.catalog import catalog_versions
from ningxia_portal.web.pagecache import registry_cache
from ningxia_portal.web.personal import viewer_key

NAV_ATTR = "portal_nav_links"


@dataclass(frozen=True)
class NavLink:
    name: str
    title: Any  # a TranslationString or callable(request) -> one
    path: str  # below the site root: "filings/", "appointments/"
    order: int = 100
    available: Any = None  # callable(request) -> bool; None: every logged-in viewer
    count: Any = None  # callable(request) -> int or None
    content_types: tuple = ()  # what ``count`` reads
    version: Any = None  # callable(request) -> what changes with the count, if no type
    badge: Any = None  # callable(request, count) -> Markup after the title


def add_nav_link(
    config,
    name,
    title,
    path,
    order=100,
    available=None,
    count=None,
    content_types=(),
    version=None,
    badge=None,
):
    """Config directive: a link of the main navigation for logged-in viewers."""
    link = NavLink(name, title, path, order, available, count, tuple(content_types), version, badge)
    add_ordered(config, NAV_ATTR, "nav_link", link)


def nav_links(request):
    """[(title, url, count)] of the personal links this viewer sees (reified per request)."""
    return [(title, url, count) for _link, title, url, count in _visible(request)]


def _visible(request):
    """[(link, title, url, count)] of the links this viewer sees, once per request."""
    found = request.__dict__.get("portal_visible_nav_links")
    if found is not None:
        return found
    found = request.__dict__["portal_visible_nav_links"] = []
    if request.identity is None:
        return found
    base = request.application_url + "/"
    for link in getattr(request.registry, NAV_ATTR, ()):
        if link.available is not None and not link.available(request):
            continue
        title = link.title(request) if callable(link.title) else link.title
        count = link.count(request) if link.count is not None else None
        found.append((link, request.localizer.translate(title), base + link.path, count))
    return found


KEPT_LINKS = 4096


def _counted_types(registry):
    """The types every count reads, or None when a counted link names none."""
    types = []
    for link in getattr(registry, NAV_ATTR, ()):
        if link.count is not None and not link.content_types and link.version is None:
            return None
        types.extend(t for t in link.content_types if t not in types)
    return tuple(types)


def nav_links_html(request):
    """The links as the header's list items: a personal part (web/personal.py), since
    the counts are the viewer's own; kept per viewer and version of what they count."""
    user = request.identity
    types = _counted_types(request.registry) if user is not None else None
    root = getattr(request, "root", None)  # absent on an error raised before traversal
    versions = catalog_versions(root, types) if types is not None and root is not None else None
    if versions is None:
        return _links_html(request)
    own = tuple(
        link.version(request) for link in getattr(request.registry, NAV_ATTR, ()) if link.version
    )
    key = (*viewer_key(request), versions, own)
    kept = registry_cache(request.registry, "portal_kept_nav_links", KEPT_LINKS)
    return Markup(kept.get_or_compute(key, lambda: _links_html(request)))  # noqa: S704


def _links_html(request):
    translate = request.localizer.translate
    out = []
    for link, title, url, count in _visible(request):
        badge = ""
        if link.badge is not None:
            badge = link.badge(request, count)
        elif count:
            waiting = escape(translate(_("${count} waiting", mapping={"count": count})))
            badge = f' <span class="badge nav-count">{waiting}</span>'
        out.append(f'<li><a href="{escape(url)}">{escape(title)}{badge}</a></li>\n')
    return Markup("".join(out))  # noqa: S704 - every value escaped above


def includeme(config):
    config.include("ningxia_portal.web.personal")
    config.add_directive("add_nav_link", add_nav_link)
    config.add_request_method(nav_links, "nav_links", reify=True)
    config.add_personal_part("nav_links", nav_links_html)
