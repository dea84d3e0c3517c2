"""What the lists of owned documents share: /filings/, /appointments/, /consultations/ and
/complaints/ each show the viewer's own documents or a staff queue, filtered by a few
parameters, 20 rows a page, in HTML or JSON.

A list view subclasses ``OwnedList`` and keeps what is its own: which lists of the catalog
it reads, its filters and its rows.
"""

from math import ceil

from pyramid.decorator import reify
from pyramid.renderers import render_to_response
from pyramid.traversal import quote_path_segment

from ningxia_portal.web.pagecache import kept_own_page
from ningxia_portal.web.paging import PAGE_SIZE, parse_page


def param(request, name, limit=100):
    """A query parameter as a filter: stripped, at most ``limit`` characters, "" if absent
    or not text (a file posted under that name)."""
    value = request.params.get(name, "")
    return value.strip()[:limit] if isinstance(value, str) else ""


class OwnedList:
    """The shared part of a list view (``filters``: the parameters in force)."""

    filters = None

    def __init__(self, context, request):
        self.context = context
        self.request = request
        self.root = context.__parent__
        self.catalog = self.root.catalog

    @reify
    def base_url(self):
        """The list's own address, once per request."""
        return self.request.resource_url(self.context)

    def item_url(self, obj):
        """The address of one of the list's documents (a row's link)."""
        return f"{self.base_url}{quote_path_segment(obj.__name__)}/"

    def paging(self, total):
        """(page number, pages, index of its first row) for ``total`` rows; a page beyond
        the last is the last."""
        pages = max(1, ceil(total / PAGE_SIZE))
        number = min(parse_page(self.request.params.get("page")), pages)
        return number, pages, (number - 1) * PAGE_SIZE

    def page_url(self, number):
        """The address of page ``number`` with the filters in force."""
        query = {k: v for k, v in self.filters.items() if v}
        query["page"] = number
        return self.request.resource_url(self.context, query=query)

    def paging_values(self, total, number, pages):
        """What every list's page shows of its paging and filters (its template's values)."""
        return {
            "total": total,
            "number": number,
            "pages": pages,
            "page_url": self.page_url,
            "filters": self.filters,
        }

    def answer(self, queue, name, summaries, total, number, pages):
        """The JSON answer: the list's mode, its paging and filters, and ``summaries``
        under ``name``."""
        return {
            "mode": "queue" if queue else "mine",
            "total": total,
            "page": number,
            "pages": pages,
            "filters": self.filters,
            name: summaries,
        }

    def kept_html(self, template, values, found, *shown):
        """The HTML page: ``template`` with ``values``, whose rows are ``found`` drawn by
        ``self.row``; kept for this viewer while the rows' documents (their stored
        versions), the paging, the filters and ``shown`` (what else the page shows from
        the clock or the viewer's permissions) are the same (``kept_own_page``)."""
        key = None
        page = self.row_page
        if page[0] is not None and all(o._p_oid is not None and not o._p_changed for o in found):
            for obj in found:
                obj._p_activate()  # a ghost's serial is not known until it is loaded
            key = (
                template,
                page,
                tuple(sorted(self.filters.items())),
                (values["total"], values["number"], values["pages"]),
                tuple((obj._p_oid, obj._p_serial) for obj in found),
                shown,
            )

        def prepare():
            rows = {id(obj): self.row(obj) for obj in found}  # as the viewer, not shared
            drawn = dict(values, row=lambda obj: rows[id(obj)])
            return lambda: render_to_response(template, drawn, request=self.request)

        return kept_own_page(self.request, key, prepare)
