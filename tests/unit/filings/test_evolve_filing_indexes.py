"""Evolve steps 11 and 12: filings move to the ``lists``, ``case_no`` and ``case_text`` indexes."""

from datetime import date
from types import SimpleNamespace

from hypatia.field import FieldIndex

from ningxia_portal.core import evolve
from ningxia_portal.core.evolve import step011
from ningxia_portal.core.root import Portal
from ningxia_portal.indexing.discriminators import Attr
from ningxia_portal.indexing.lists import KeyIndex, ListIndex
from tests.unit.filings.helpers import make_filing


def test_step11_builds_the_lists_and_the_key_index_and_drops_unique_values():
    root = Portal()
    for number, fn in evolve.steps():
        if number < 11:
            fn(root, None)
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

    step011.evolve(root, None)

    assert isinstance(catalog["case_no"], KeyIndex) and isinstance(catalog["lists"], ListIndex)
    assert catalog["case_no"].get(case.case_no) == case.__docid__
    lists = catalog["lists"]
    assert lists.size("mine:" + case.owner) == 2
    assert list(lists.docids(["queue:640100/scjg"])) == [case.__docid__]
    assert lists.counts(["queue:640100"], "pending") == {"1": 1}
    for filing in (draft, case):
        for name in ("title", "created", "modified"):
            assert catalog[name]._rev_index.get(filing.__docid__) is None


def test_step12_moves_the_words_of_filings_to_their_own_index():
    from hypatia.query import Contains

    from ningxia_portal.core.evolve import step012

    root = Portal()
    for number, fn in evolve.steps():
        if number < 12:
            fn(root, None)
    catalog = root.catalog
    del catalog["case_text"]
    case = make_filing(state="submitted")
    case.case_no = "640100-20260302-000001"
    root["filings"].add(case.case_no, case)
    # As a database of step 11: the case's words in the public text index.
    catalog["text"].index_doc(case.__docid__, SimpleNamespace(searchable_text=case.case_text()))
    assert case.__docid__ in Contains(catalog["text"], "阿克米").execute().ids

    step012.evolve(root, None)

    assert case.__docid__ not in Contains(catalog["text"], "阿克米").execute().ids
    assert case.__docid__ in Contains(catalog["case_text"], "阿克米").execute().ids


def test_step13_moves_filings_out_of_the_public_catalogue_indexes():
    from hypatia.query import Any, Eq

    from ningxia_portal.core.evolve import step013

    root = Portal()
    for number, fn in evolve.steps():
        if number < 13:
            fn(root, None)
    catalog = root.catalog
    for name in ("case_center", "case_department", "case_item"):
        del catalog[name]
    case = make_filing(state="submitted")
    case.case_no = "640100-20260302-000001"
    root["filings"].add(case.case_no, case)
    # As a database of step 12: the case in the public center, department, item, scope.
    old = SimpleNamespace(
        center_code="640100",
        department_key="640100/scjg",
        item_key="640100/scjg/xk-scjg-001",
        scope_codes=("640100",),
    )
    for name in ("center", "department", "item", "scope"):
        catalog[name].index_doc(case.__docid__, old)

    step013.evolve(root, None)

    docid = case.__docid__
    assert docid not in Eq(catalog["department"], "640100/scjg").execute().ids
    assert docid not in Any(catalog["scope"], ["640100"]).execute().ids
    assert docid not in Eq(catalog["item"], "640100/scjg/xk-scjg-001").execute().ids
    assert list(Eq(catalog["case_department"], "640100/scjg").execute().ids) == [docid]
    assert list(Eq(catalog["case_center"], "640100").execute().ids) == [docid]
    assert list(Eq(catalog["case_item"], "640100/scjg/xk-scjg-001").execute().ids) == [docid]
