"""Evolve steps 11–13 and 15: the indexes filings are written into."""

from datetime import date
from types import SimpleNamespace

from hypatia.field import FieldIndex

from ningxia_portal.filings.evolve import step011
from ningxia_portal.indexing.catalog import catalog_indexes
from ningxia_portal.indexing.discriminators import Attr
from ningxia_portal.indexing.lists import KeyIndex, ListIndex
from tests.unit.filings.helpers import add_case, make_filing, portal_before


def test_step11_builds_the_lists_and_the_key_index_and_drops_unique_values(registry):
    root = portal_before(11, registry)
    catalog = root.catalog
    # As a database of step 10: case numbers in a FieldIndex, no lists, filings indexed
    # by their unique title and times.
    del catalog["lists"]
    catalog["case_no"] = FieldIndex(Attr("case_no"))
    draft = make_filing(state="draft")
    case = make_filing(state="submitted")
    case.case_no, case.deadline = "640100-20260302-000001", date(2026, 3, 9)
    root["filings"].add("draft-1", draft)
    root["filings"].add(case.case_no, case)
    for filing in (draft, case):
        old = SimpleNamespace(title="x" + str(id(filing)), created=filing.created)
        catalog["title"].index_doc(filing.__docid__, old)
        catalog["created"].index_doc(filing.__docid__, old)
    assert catalog["created"].indexed_count() == 2

    step011.evolve(root, registry)

    assert isinstance(catalog["case_no"], KeyIndex) and isinstance(catalog["lists"], ListIndex)
    assert catalog["case_no"].get(case.case_no) == case.__docid__
    lists = catalog["lists"]
    assert lists.size("mine:" + case.owner) == 2
    assert list(lists.docids(["queue:640100/scjg"])) == [case.__docid__]
    assert lists.counts(["queue:640100"], "pending") == {"1": 1}
    for filing in (draft, case):
        for name in ("title", "created", "modified"):
            assert catalog[name]._rev_index.get(filing.__docid__) is None


def test_step12_takes_the_words_of_filings_out_of_the_public_text_index(registry):
    from hypatia.query import Contains

    from ningxia_portal.filings.evolve import step012

    root = portal_before(12, registry)
    catalog = root.catalog
    case = add_case(root)
    # As a database of step 11: the case's words in the public text index.
    words = SimpleNamespace(searchable_text=f"{case.item_title}\n{case.applicant_title}")
    catalog["text"].index_doc(case.__docid__, words)
    assert case.__docid__ in Contains(catalog["text"], "阿克米").execute().ids

    step012.evolve(root, registry)

    assert case.__docid__ not in Contains(catalog["text"], "阿克米").execute().ids


def test_step13_moves_filings_out_of_the_public_catalogue_indexes(registry):
    from hypatia.query import Any, Eq

    from ningxia_portal.filings.evolve import step013

    root = portal_before(13, registry)
    catalog = root.catalog
    del catalog["case_item"]
    case = add_case(root)
    # As a database of step 12: the case in the public center, department, item, scope.
    old = SimpleNamespace(
        center_code="640100",
        department_key="640100/scjg",
        item_key="640100/scjg/xk-scjg-001",
        scope_codes=("640100",),
    )
    for name in ("center", "department", "item", "scope"):
        catalog[name].index_doc(case.__docid__, old)

    step013.evolve(root, registry)

    docid = case.__docid__
    assert docid not in Eq(catalog["department"], "640100/scjg").execute().ids
    assert docid not in Any(catalog["scope"], ["640100"]).execute().ids
    assert docid not in Eq(catalog["item"], "640100/scjg/xk-scjg-001").execute().ids
    assert list(Eq(catalog["case_item"], "640100/scjg/xk-scjg-001").execute().ids) == [docid]


def test_step15_drops_the_words_of_filings_and_indexes_their_applicants(registry):
    from hypatia.query import Eq

    from ningxia_portal.filings.evolve import step015
    from ningxia_portal.indexing.catalog import _text_index

    root = portal_before(15, registry)
    catalog = root.catalog
    del catalog["applicant"]
    case = add_case(root)
    item = case.item
    root.docmap.add(item)  # a public document, which keeps its place in ``depth``
    for name in ("content_type", "depth"):
        catalog[name].index_doc(item.__docid__, item)
    # As a database of step 14: the case's words in ``case_text``, and the case in the
    # owner, depth and pending indexes.
    catalog["case_text"] = _text_index("case_text")
    catalog["case_text"].index_doc(case.__docid__, SimpleNamespace(case_text="阿克米"))
    for name in ("case_center", "case_department"):
        catalog[name] = FieldIndex(Attr(name))
        catalog[name].index_doc(case.__docid__, SimpleNamespace(**{name: "640100"}))
    old = SimpleNamespace(owner=case.owner, depth=case.snapshot["depth"], pending=True)
    for name in ("owner", "depth", "pending"):
        catalog[name].index_doc(case.__docid__, old)

    step015.evolve(root, registry)

    docid = case.__docid__
    assert not {"case_text", "case_center", "case_department"} & set(catalog)
    assert list(Eq(catalog["applicant"], "宁夏阿克米食品有限公司").execute().ids) == [docid]
    for name in ("owner", "depth", "pending"):
        assert catalog[name]._rev_index.get(docid) is None
    assert list(Eq(catalog["depth"], item.depth).execute().ids) == [item.__docid__]
    assert set(catalog) == set(catalog_indexes(registry))
