"""Sorting never fails on documents the sort index has no value for: they come last."""

from hypatia.catalog import Catalog
from hypatia.field import FieldIndex
from hypatia.query import Eq

from ningxia_portal.indexing.discriminators import Attr
from ningxia_portal.indexing.query import sort_defensively


class Doc:
    def __init__(self, kind, deadline=None):
        self.kind = kind
        self.deadline = deadline


def catalog_of(docs):
    catalog = Catalog()
    catalog["kind"] = FieldIndex(Attr("kind"))
    catalog["deadline"] = FieldIndex(Attr("deadline"))  # None: not indexed
    for docid, doc in docs.items():
        catalog.index_doc(docid, doc)
    return catalog


DOCS = {
    7: Doc("case", 3),
    2: Doc("case"),  # no deadline (a draft): unsortable by deadline
    9: Doc("case", 1),
    4: Doc("case"),
    5: Doc("case", 2),
    1: Doc("other", 0),
}


def run(limit=None, reverse=False):
    catalog = catalog_of(DOCS)
    result = Eq(catalog["kind"], "case").execute()
    return sort_defensively(result, catalog["deadline"], reverse=reverse, limit=limit)


def test_unsortable_documents_come_last_in_docid_order():
    assert run() == [9, 5, 7, 2, 4]
    assert run(reverse=True) == [7, 5, 9, 2, 4]


def test_limits_are_kept_whether_or_not_they_reach_the_unsortable_ones():
    assert run(limit=2) == [9, 5]
    assert run(limit=4) == [9, 5, 7, 2]
    assert run(limit=50) == [9, 5, 7, 2, 4]


def test_nothing_sortable_at_all():
    catalog = catalog_of({3: Doc("case"), 1: Doc("case")})
    result = Eq(catalog["kind"], "case").execute()
    assert sort_defensively(result, catalog["deadline"], limit=10) == [1, 3]
