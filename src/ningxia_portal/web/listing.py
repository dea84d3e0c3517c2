"""What the lists of owned documents share: /filings/, /appointments/, /consultations/ and
/complaints/ each show the viewer's own documents or a staff queue, filtered by a few
parameters, 20 rows a page, in HTML or JSON.

A list view subclasses ``OwnedList`` and keeps what is its own: which lists of the catalog
it reads, its filters and its rows.
"""

from math import ceil

from pyramid.decorator import reify
from pyramid.traversal import quote_path_segment

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
