"""Pagination that tolerates any ``page`` parameter (page=-1, page=abc → page 1)."""

from itertools import islice
from math import ceil
from urllib.parse import urlencode

PAGE_SIZE = 20


class Page:
    """One page of a lazily iterated sequence whose total is known up front."""

    def __init__(self, items, total, number, size=PAGE_SIZE, params=()):
        self.params = [(k, v) for k, v in params if k != "page"]  # kept in page links
        self.total = total
        self.size = size
        self.pages = max(1, ceil(total / size))
        self.number = min(max(1, number), self.pages)
        start = (self.number - 1) * size
        self.items = list(islice(items, start, start + size))

    @classmethod
    def from_request(cls, request, items, total, size=PAGE_SIZE):
        number = parse_page(request.params.get("page"))
        return cls(items, total, number, size, params=request.GET.items())

    def href(self, number):
        """The query string of page ``number``, keeping the other parameters (a search)."""
        return "?" + urlencode([*self.params, ("page", number)])

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_next(self):
        return self.number < self.pages


def parse_page(value):
    """A page number from user input; anything malformed means the first page."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return number if number > 0 else 1
