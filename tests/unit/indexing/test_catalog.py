"""The catalog stays current on add, modify and remove, and filters by permission."""

import pytest
from persistent import Persistent
from pyramid.authorization import DENY_ALL, Allow, Everyone

from ningxia_portal.catalogue.resources import Center, Department, ServiceItem
from ningxia_portal.core.evolve import evolve
from ningxia_portal.core.root import Portal
from ningxia_portal.indexing.catalog import INDEXES_ATTR, ensure_indexes, reindex
from ningxia_portal.indexing.query import CatalogSearch, count_by, phrase_query


def make_item(code, title, materials=(), item_type="行政许可", depth="网上办结"):
    return ServiceItem(
        code,
        title,
        item_type,
        depth=depth,
        materials=[{"name": m} for m in materials],
    )


@pytest.fixture
def root(registry):
    root = Portal()
    evolve(root, registry=registry, commit=False)
    center = root["centers"].add("640100", Center("640100", "银川市", "city", "640000"))
    dept = center.add("scjg", Department("银川市市场监督管理局"))
    dept.add("a", make_item("A-1", "食品经营许可（新办）", ["营业执照副本", "食品安全管理制度"]))
    dept.add("b", make_item("B-1", "个体工商户设立登记", ["经营者身份证明"], "行政确认"))
    dept.add("c", make_item("C-1", "企业档案查询", [], "公共服务", "网上预审"))
    return root


def titles(root, principals=(Everyone,), text=None, **filters):
    search = CatalogSearch(root, principals)
    result = search.execute(search.query("ServiceItem", text=text, **filters))
    ids = search.sorted_ids(result, relevance=bool(text))
    return [obj.title for obj in search.resolve(ids)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("食品", ["食品经营许可（新办）"]),  # two characters
        ("食品经营许可（新办）", ["食品经营许可（新办）"]),  # the whole name
        ("营业执照", ["食品经营许可（新办）"]),  # a material's name
        ("经营", ["个体工商户设立登记", "食品经营许可（新办）"]),  # name of one, material of other
        ("业执照副", ["食品经营许可（新办）"]),  # any inner substring
        ("许可 新办", ["食品经营许可（新办）"]),  # every chunk must match
        ("营业许可", []),  # both bigram halves exist, but not as one run
        ("a-1", ["食品经营许可（新办）"]),  # the code
        ('" OR 查询', []),  # operators can't be injected
    ],
)
def test_chinese_substrings_find_items(root, text, expected):
    assert sorted(titles(root, text=text)) == sorted(expected)


def test_nothing_searchable_means_no_results():
    assert phrase_query("（）") is None
    assert phrase_query("") is None


def test_filters_combine(root):
    assert titles(root, center="640100", group="approval") == ["食品经营许可（新办）"]
    assert titles(root, department="640100/scjg", depth="网上预审") == ["企业档案查询"]
    assert titles(root, scope="640000") == sorted(titles(root))
    assert titles(root, item_type=["行政确认", "公共服务"]) == [
        "个体工商户设立登记",
        "企业档案查询",
    ]


def test_modify_is_reindexed(root):
    item = root["centers"]["640100"]["scjg"]["c"]
    item.title = "企业登记档案查询"
    reindex(item)
    assert titles(root, text="登记档案") == ["企业登记档案查询"]


def test_removed_items_leave_the_catalog(root):
    dept = root["centers"]["640100"]["scjg"]
    before = len(root.docmap)
    dept.remove("a")
    assert titles(root, text="食品") == []
    assert len(root.docmap) == before - 1
    root["centers"].remove("640100")  # a whole subtree
    assert titles(root) == []


def test_results_are_filtered_by_who_may_view(root):
    dept = root["centers"]["640100"]["scjg"]
    secret = make_item("S-1", "内部事项")
    secret.__acl__ = [(Allow, "user:alice", "view"), DENY_ALL]
    dept.add("s", secret)
    assert "内部事项" not in titles(root)
    assert "内部事项" not in titles(root, principals=[Everyone, "user:bob"], text="内部")
    assert titles(root, principals=[Everyone, "user:alice"], text="内部") == ["内部事项"]


def test_counts_by_group_without_loading_objects(root):
    search = CatalogSearch(root, [Everyone])
    result = search.execute(search.query("ServiceItem"))
    counts = count_by(root.catalog, "group", result.ids)
    assert counts == {"approval": 1, "other": 1, "public": 1}


def test_ensure_indexes_adds_and_fills_a_new_index(root, registry, monkeypatch):
    from hypatia.field import FieldIndex

    from ningxia_portal.indexing.discriminators import Attr

    indexes = getattr(registry, INDEXES_ATTR)
    monkeypatch.setitem(indexes, "code", lambda: FieldIndex(Attr("code")))
    assert ensure_indexes(root, registry) == ["code"]
    assert len(root.catalog["code"].applyEq("A-1")) == 1


def test_title_matches_rank_before_material_matches(root):
    dept = root["centers"]["640100"]["scjg"]
    dept.add("d", make_item("D-1", "营业执照遗失补领", ["遗失声明"]))
    ranked = titles(root, text="营业执照")
    assert ranked == ["营业执照遗失补领", "食品经营许可（新办）"]


class DeclaresItsIndexes(Persistent):
    """A document type that names its indexes, as filings do (importable: it is pickled)."""

    catalog_indexes = ("content_type",)
    __parent__ = __name__ = None


def test_ensure_indexes_leaves_documents_that_name_other_indexes_on_disk(
    root, registry, monkeypatch
):
    """A new index is filled without loading a document whose class names other indexes:
    a million filings are not read when a request domain adds its own."""
    import transaction
    from hypatia.field import FieldIndex
    from ZODB import DB

    from ningxia_portal.indexing.discriminators import Attr

    db = DB(None)
    conn = db.open()
    conn.root()["portal"] = root
    root["centers"]["640100"]["scjg"].add("declared", DeclaresItsIndexes())
    transaction.commit()
    conn.close()
    conn = db.open()
    stored = conn.root()["portal"]
    declared = stored["centers"]["640100"]["scjg"]["declared"]
    declared._p_deactivate()
    monkeypatch.setitem(getattr(registry, INDEXES_ATTR), "code", lambda: FieldIndex(Attr("code")))
    assert ensure_indexes(stored, registry) == ["code"]
    assert declared._p_status == "ghost"
    assert len(stored.catalog["code"].applyEq("A-1")) == 1  # the items are filled
    transaction.abort()
    conn.close()
    db.close()
