"""Rendered rows of the lists (/filings/, /appointments/ …), kept per version of each document.

A list page is mostly its 20 rows, and a row changes only when its document does (a move of
its workflow writes the document, whose ``_p_serial`` then changes), with the language or skin, or
with what else the list names in its page key (today, the holiday calendar, staff or not).
So a row rendered once is kept under (the page's key; the document's oid and serial; what
the row shows besides, e.g. an appointment's "expired") and reused until one of these
changes; a changed document simply gets a new key. The page key starts with the database's
change token (``catalog_changes``), so two databases in one process never share a row.
"""

from markupsafe import Markup

from ningxia_portal.web.pagecache import LRUCache
from ningxia_portal.web.skins import environment


class RowCache:
    """The kept rows of one list template."""

    def __init__(self, template, size=20000):
        self.template = template  # an asset spec: "ningxia_portal:filings/templates/row.jinja2"
        self.rows = LRUCache(size)

    @staticmethod
    def page_key(request, *shared, cacheable=True):
        """What every row of one page shares in its key, computed once per page; rows are
        not kept when the database has no change token or ``cacheable`` is false."""
        counters = getattr(request.root, "catalog_changes", None)
        token = counters.token if counters is not None and cacheable else None
        return (
            token,
            request.localizer.locale_name,
            request.application_url,
            request.skin,
            *shared,
        )

    def row(self, request, page, obj, values, *shown):
        """The row of ``obj``: kept, or rendered from ``values()`` (the template's values;
        ``request`` is added) and kept when ``obj`` is stored as it is."""
        key = None
        if page[0] is not None and obj._p_oid is not None and not obj._p_changed:
            obj._p_activate()  # a ghost's serial is not known until it is loaded
            key = (*page, obj._p_oid, obj._p_serial, *shown)
        return self.rows.get_or_compute(key, lambda: self.render(request, values()))

    def render(self, request, values):
        html = environment(request).get_template(self.template).render(request=request, **values)
        return Markup(html)  # noqa: S704 - an autoescaping template's output
