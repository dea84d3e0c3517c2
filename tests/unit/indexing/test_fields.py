from types import SimpleNamespace

from ningxia_portal.indexing.discriminators import Attr
from ningxia_portal.indexing.fields import FieldsIndex, folded


def _index(docs):
    index = FieldsIndex(Attr("search_fields"))
    for docid, fields in docs.items():
        index.index_doc(docid, SimpleNamespace(search_fields=fields))
    return index


def test_folded_is_nfkc_and_casefolded():
    assert folded("ＡＢＣ（银川）") == "abc(银川)"


def test_containing_matches_every_chunk_across_the_fields_in_the_given_order():
    index = _index(
        {
            1: ("窗口态度差", "银川市", "市场监督管理局"),
            2: ("办事慢", "银川市", "税务局"),
            3: ("ＡＢＣ 窗口", "石嘴山市", "市场监督管理局"),
        }
    )
    assert index.containing([3, 2, 1], "市场 窗口") == [3, 1]  # the list's order kept
    assert index.containing([1, 2, 3], "abc") == [3]  # full-width folded on both sides
    assert index.containing([1, 2, 3], "税务局") == [2]
    assert index.containing([1, 2, 3], "公安") == []
    assert index.containing([1, 2, 3], "  ") == []  # nothing searchable typed
    assert index.containing([1, 2, 3, 99], "银川") == [1, 2]  # 99 is not indexed


def test_a_document_without_fields_leaves_the_index():
    index = _index({1: ("主题", "中心", "部门")})
    index.index_doc(1, SimpleNamespace(search_fields=None))
    assert index.containing([1], "主题") == []
