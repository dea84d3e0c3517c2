"""``/announcements/feed.atom``: the newest 20 published announcements as Atom 1.0.

Built with ElementTree, so titles and summaries are escaped by the serializer, never by
string concatenation. Entries are what an anonymous visitor may read, whoever asks.
"""

import xml.etree.ElementTree as ET

from pyramid.authorization import Everyone
from pyramid.response import Response
from pyramid.view import view_config

from ningxia_portal.announcements.queries import AnnouncementSearch
from ningxia_portal.announcements.resources import Announcements
from ningxia_portal.announcements.views import selected_center
from ningxia_portal.core.clock import get_clock, local_iso
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.web.xmltext import strip_xml_forbidden

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 20
ET.register_namespace("", ATOM)


def _el(parent, tag, text=None, **attrib):
    """A child element; characters XML forbids are dropped (stored data may predate the
    form's check, and one of them would make the whole feed unreadable)."""
    attrib = {key: strip_xml_forbidden(str(value)) for key, value in attrib.items()}
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrib)
    if text is not None:
        element.text = strip_xml_forbidden(str(text))
    return element


def _tag_uri(request, a):
    """An entry id that never changes with the title or URL layout: a tag URI (RFC 4151).

    Its date is the UTC date of creation, as it always was: nobody reads it, and an id
    must never change (readers would show every such entry again)."""
    host = request.host.split(":")[0] or "localhost"
    return f"tag:{host},{a.created.date().isoformat()}:announcement:{a.__name__}"


def build_feed(request, announcements):
    """The Atom document (bytes, UTF-8) for ``announcements`` (newest first)."""
    translate = request.localizer.translate
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "zh-CN"})
    self_url = request.resource_url(request.context, "feed.atom")
    _el(feed, "id", self_url)
    _el(feed, "title", translate(_("Ningxia Government Service Center: policy announcements")))
    updated = max((a.modified for a in announcements), default=get_clock(request.registry).now())
    _el(feed, "updated", local_iso(updated))
    _el(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _el(feed, "link", rel="alternate", type="text/html", href=request.resource_url(request.context))
    author = _el(feed, "author")
    _el(author, "name", translate(_("Ningxia Government Service Center")))
    for a in announcements:
        entry = _el(feed, "entry")
        _el(entry, "id", _tag_uri(request, a))
        _el(entry, "title", a.title)
        _el(entry, "updated", local_iso(a.modified))
        _el(entry, "published", local_iso(a.sort_date))
        _el(entry, "link", rel="alternate", type="text/html", href=request.resource_url(a))
        _el(entry, "category", term=a.category)
        _el(entry, "summary", a.summary, type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


@view_config(context=Announcements, name="feed.atom", permission=Permissions.VIEW)
def atom_feed(context, request):
    search = AnnouncementSearch(request, principals=[Everyone])
    ids = search.published(center=selected_center(request), limit=FEED_SIZE)
    body = build_feed(request, list(search.lazy(ids)))
    return Response(body=body, content_type="application/atom+xml", charset="utf-8")
