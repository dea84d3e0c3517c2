"""One page of catalog results: sort the matching docids, resolve only the page's objects."""

from math import ceil

from BTrees.IFBTree import IFSet, intersection

from ningxia_portal.web.paging import PAGE_SIZE, Page


def catalog_page(search, result, number, size=PAGE_SIZE, relevance=False):
    """A ``Page`` whose ``items`` are the objects of page ``number`` (clamped to 1…pages)."""
    total = len(result) if result is not None else 0
    number = min(max(1, number), max(1, ceil(total / size)))
    ids = search.sorted_ids(result, limit=number * size, relevance=relevance)
    page = Page(ids, total, number, size)
    page.items = search.resolve(page.items)
    return page


def count_in(catalog, index_name, value, docids):
    """How many of ``docids`` a FieldIndex holds under ``value`` (no object is loaded)."""
    ids = catalog[index_name]._fwd_index.get(value)
    if not ids:
        return 0
    docset = docids if isinstance(docids, IFSet) else IFSet(docids)
    return len(intersection(docset, ids if isinstance(ids, IFSet) else IFSet(ids)))
