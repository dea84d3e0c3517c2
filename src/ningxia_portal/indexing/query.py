"""Catalog queries: always filtered by what the viewer may see, paginated, never a tree walk."""

import re

from hypatia.query import Any, Contains, Eq
from pyramid.authorization import Everyone
from pyramid.interfaces import ISecurityPolicy

from ningxia_portal.indexing.splitter import tokens

_CHUNK = re.compile(r"[^\s\"'()*?]+")


def search_chunks(text):
    """The searchable whitespace-separated chunks of what a user typed."""
    return [chunk for chunk in _CHUNK.findall((text or "")[:200]) if tokens(chunk)]


def phrase_query(text):
    """A hypatia text query from what a user typed, or None when nothing is searchable.

    Each whitespace-separated chunk becomes a quoted phrase, so its bigrams must appear in
    order (an exact substring match) and the query parser's operators can't be injected.
    """
    return " ".join(f'"{chunk}"' for chunk in search_chunks(text)) or None


def principals_of(request):
    """The viewer's principals, as the security policy computes them."""
    policy = request.registry.queryUtility(ISecurityPolicy)
    if policy is not None and hasattr(policy, "effective_principals"):
        return policy.effective_principals(request)
    return [Everyone]


class CatalogSearch:
    """Build and run one query. ``filters`` values: a scalar means Eq, a list/tuple Any."""

    def __init__(self, root, principals):
        self.root = root
        self.catalog = root.catalog
        self.principals = list(principals)
        self.chunks = []  # the searched text, to rank title matches first

    def query(self, content_type, text=None, **filters):
        catalog = self.catalog
        q = Eq(catalog["content_type"], content_type) & Any(catalog["allowed"], self.principals)
        for name, value in filters.items():
            if value is None or value == "" or value == ():
                continue
            if isinstance(value, list | tuple | set | frozenset):
                q = q & Any(catalog[name], list(value))
            else:
                q = q & Eq(catalog[name], value)
        self.chunks = [chunk.lower() for chunk in search_chunks(text)]
        text_q = phrase_query(text)
        if text and text_q is None:
            return None  # something was typed but nothing in it is searchable: no results
        if text_q:
            q = q & Contains(catalog["text"], text_q)
        return q

    def execute(self, query):
        if query is None:
            return None
        return query.execute(resolver=self.root.docmap.get)

    def sorted_ids(self, result, sort="title", reverse=False, limit=None, relevance=False):
        """Docids ordered by relevance then ``sort``, or by ``sort`` alone.

        Relevance puts documents whose title holds every searched chunk first (someone who
        types 营业执照 wants the licence items before items that merely ask for one), then
        hypatia's score, then ``sort``. Titles come from the index, not from the objects.
        """
        if result is None or not len(result):
            return []
        if relevance and hasattr(result.ids, "items"):
            titles = self.catalog[sort]._rev_index
            chunks = self.chunks

            def key(pair):
                title = titles.get(pair[0], "")
                in_title = bool(chunks) and all(c in title.lower() for c in chunks)
                return (not in_title, -round(pair[1], 6), title)

            ranked = sorted(result.ids.items(), key=key)
            ids = [docid for docid, _ in ranked]
            return ids[:limit] if limit else ids
        return sort_defensively(result, self.catalog[sort], reverse=reverse, limit=limit)

    def resolve(self, docids):
        get = self.root.docmap.get
        return [obj for obj in (get(d) for d in docids) if obj is not None]


def sort_defensively(result, index, reverse=False, limit=None):
    """Docids of ``result`` ordered by ``index``, then those it can't order, by docid.

    A document without a value in the sort index (a case without a deadline …) would make
    hypatia raise Unsortable and the page answer 500; here it only comes last, in an order
    that stays the same from one request (and page) to the next.
    """
    ids = list(result.sort(index, reverse=reverse, limit=limit, raise_unsortable=False).ids)
    if limit is not None and len(ids) >= limit:
        return ids[:limit]
    # Fewer than ``limit`` came back, so every sortable docid is in ``ids``.
    seen = set(ids)
    rest = sorted(docid for docid in result.ids if docid not in seen)
    ids.extend(rest if limit is None else rest[: limit - len(ids)])
    return ids


# Up to this many documents, count_by reads each one's value from the index (cost ~ the
# result); beyond, it intersects the result with each value's docids (cost ~ the values).
COUNT_BY_SCAN = 5000


def count_by(catalog, index_name, docids):
    """{value: how many of ``docids`` have it} from a FieldIndex, without loading objects."""
    from BTrees.IFBTree import IFSet, intersection

    if len(docids) <= COUNT_BY_SCAN:
        values = catalog[index_name]._rev_index
        counts = {}
        for docid in docids:
            value = values.get(docid)
            if value is not None:
                counts[value] = counts.get(value, 0) + 1
        return counts
    docset = docids if isinstance(docids, IFSet) else IFSet(docids)
    counts = {}
    for value, ids in catalog[index_name]._fwd_index.items():
        n = len(intersection(docset, ids if isinstance(ids, IFSet) else IFSet(ids)))
        if n:
            counts[value] = n
    return counts
