"""A case stores the key of the item it was made for; evolve step 8 adds it to older cases."""

from hypatia.query import Eq

from ningxia_portal.core import evolve
from ningxia_portal.core.root import Portal
from ningxia_portal.filings.evolve import step008
from tests.unit.filings.helpers import make_filing


def test_a_case_keeps_the_item_key_it_was_filed_under():
    filing = make_filing()
    assert filing.item_key == "640100/scjg/xk-scjg-001"
    filing.item.__name__ = "renamed"  # a later move of the item changes nothing
    assert filing.item_key == "640100/scjg/xk-scjg-001"


def test_step8_sets_and_indexes_the_key_of_stored_cases(registry):
    root = Portal()
    for number, fn in evolve.steps(registry):
        if number < 8:
            fn(root, registry)
    old = make_filing()
    del old.item_key  # as a case pickled before the attribute existed
    detached = make_filing()
    del detached.item_key
    detached.item.__parent__ = None  # its item was removed from the tree since
    root["filings"].add("640100-20260302-000001", old)
    root["filings"].add("640100-20260302-000002", detached)
    index = root.catalog["case_item"]  # since step 13; the public ``item`` before
    assert not list(Eq(index, "640100/scjg/xk-scjg-001").execute().ids)

    step008.evolve(root, registry)
    assert old.item_key == detached.item_key == "640100/scjg/xk-scjg-001"
    found = Eq(index, "640100/scjg/xk-scjg-001").execute(resolver=root.docmap.get)
    assert set(found) == {old, detached}
