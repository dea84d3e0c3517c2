"""What a consultation puts in the lists, and the search fields' index."""

from datetime import timedelta

from ningxia_portal.consultations.resources import Consultations
from ningxia_portal.indexing.discriminators import Attr
from ningxia_portal.indexing.fields import FieldsIndex, folded
from tests.unit.consultations.helpers import NOW, make_consultation


def test_lists_mirror_the_acl_and_the_faq_holds_only_published():
    c = make_consultation()
    lists = c.catalog_lists()
    assert set(lists) == {"mine:acme", "queue:640100/scjg", "queue:640100"}
    assert lists["queue:640100"][0][0] == 0  # unanswered first
    c.state, c.published = "published", NOW + timedelta(hours=2)
    lists = c.catalog_lists()
    assert lists["queue:640100"][0][0] == 1
    assert {"faq:640100/scjg", "faq"} <= set(lists)
    assert lists["mine:acme"][1] == {"answered": "1"}


def test_names_grow_with_time_and_never_repeat():
    container = Consultations()
    first = container.new_name(NOW)
    later = container.new_name(NOW + timedelta(seconds=1))
    assert first[:14] == "20260302090000" and first < later  # China's time
    names = {container.new_name(NOW) for _ in range(200)}
    assert len(names) == 200


def test_fields_index_matches_each_field_folded():
    index = FieldsIndex(Attr("search_fields"))
    c = make_consultation(subject="ＡＢＣ公司（新办）咨询")
    index.index_doc(1, c)
    assert index.matching([1], ("张三", "", "")) == {1}
    assert index.matching([1], ("", "abc公司(新办)", "")) == {1}  # NFKC + casefold
    assert index.matching([1], ("", "", "市场监督")) == {1}
    assert index.matching([1], ("李四", "", "")) == set()
    assert index.matching([1], ("张三", "", "税务")) == set()
    assert index.matching([2], ("", "", "")) == set()  # not indexed
    index.unindex_doc(1)
    assert index.matching([1], ("张三", "", "")) == set()
    assert folded("Ａ（") == "a("
