"""The ``lists`` and ``case_no`` indexes: ordered named lists with counts; unique keys."""

from types import SimpleNamespace

from ningxia_portal.indexing.discriminators import Attr
from ningxia_portal.indexing.lists import KeyIndex, ListIndex


def doc(**lists):
    """A document on the given lists: name=(key tuple, facets)."""
    return SimpleNamespace(catalog_lists={k.replace("_", ":"): v for k, v in lists.items()})


def index():
    return ListIndex(Attr("catalog_lists"))


def test_a_list_reads_in_key_order_with_its_size_and_facet_counts():
    ix = index()
    ix.index_doc(3, doc(mine_a=((3,), {"dept": "x"})))
    ix.index_doc(1, doc(mine_a=((1,), {"dept": "y"})))
    ix.index_doc(2, doc(mine_a=((2,), {"dept": "x"}), mine_b=((9,), {"dept": "x"})))
    assert list(ix.docids(["mine:a"])) == [1, 2, 3]
    assert ix.size("mine:a") == 3 and ix.size("mine:b") == 1 and ix.size("mine:zz") == 0
    assert ix.counts(["mine:a"], "dept") == {"x": 2, "y": 1}
    assert ix.counts(["mine:a", "mine:b"], "dept") == {"x": 3, "y": 1}
    assert sorted(ix.members(["mine:a", "mine:b"])) == [1, 2, 3]
    assert list(ix.members(["nothing"])) == []
    assert ix.names("mine:") == ["mine:a", "mine:b"]


def test_equal_keys_are_told_apart_by_docid_and_lists_merge_without_repeats():
    ix = index()
    for docid in (5, 4):
        ix.index_doc(docid, doc(q_c=((0, 10), {}), q_d=((0, 10), {})))
    ix.index_doc(7, doc(q_d=((0, 9), {})))
    assert list(ix.docids(["q:c"])) == [4, 5]
    assert list(ix.docids(["q:c", "q:d"])) == [7, 4, 5]


def test_spans_read_part_of_the_order_and_a_key_merges_them():
    ix = index()
    ix.index_doc(1, doc(q_c=((0, 30), {"pending": "1"})))
    ix.index_doc(2, doc(q_c=((1, 10), {"pending": "0"})))
    ix.index_doc(3, doc(q_c=((0, 20), {"pending": "1"})))
    assert list(ix.docids(["q:c"], spans=((None, (1,)),))) == [3, 1]
    both = ((None, (1,)), ((1,), None))
    assert list(ix.docids(["q:c"], spans=both, key=lambda k: k[1:])) == [2, 3, 1]
    assert ix.counts(["q:c"], "pending") == {"1": 2, "0": 1}
    assert ix.sort_key(2, ["q:c"]) == (1, 10, 2) and ix.sort_key(2, ["other"]) is None


def test_reindex_moves_a_document_and_its_counts_and_unindex_forgets_it():
    ix = index()
    ix.index_doc(1, doc(mine_a=((1,), {"dept": "x"})))
    ix.index_doc(2, doc(mine_a=((2,), {"dept": "x"})))
    ix.reindex_doc(1, doc(mine_a=((3,), {"dept": "y"}), q_c=((0, 1), {})))
    assert list(ix.docids(["mine:a"])) == [2, 1]
    assert ix.counts(["mine:a"], "dept") == {"x": 1, "y": 1}
    assert ix.size("q:c") == 1
    ix.reindex_doc(1, doc(mine_a=((3,), {"dept": "y"})))  # off the queue
    assert ix.size("q:c") == 0 and list(ix.docids(["q:c"])) == []
    ix.unindex_doc(1)
    ix.unindex_doc(1)  # twice: nothing left to do
    assert list(ix.docids(["mine:a"])) == [2] and ix.size("mine:a") == 1
    assert ix.counts(["mine:a"], "dept") == {"x": 1}
    ix.index_doc(9, SimpleNamespace())  # not on any list
    assert 9 not in ix._entries


def test_reset_empties_everything():
    ix = index()
    ix.index_doc(1, doc(mine_a=((1,), {"dept": "x"})))
    ix.reset()
    assert ix.size("mine:a") == 0 and list(ix.docids(["mine:a"])) == []


def test_key_index_finds_exact_keys_and_prefixes_and_follows_changes():
    ix = KeyIndex(Attr("case_no"))
    ix.index_doc(1, SimpleNamespace(case_no="640100-20260302-000001"))
    ix.index_doc(2, SimpleNamespace(case_no="640100-20260302-000002"))
    ix.index_doc(3, SimpleNamespace(case_no="640104-20260302-000001"))
    ix.index_doc(4, SimpleNamespace(case_no=None))
    assert ix.get("640100-20260302-000002") == 2 and ix.get("nope") is None
    assert sorted(ix.prefixed("640100-")) == [1, 2]
    assert sorted(ix.prefixed("6401")) == [1, 2, 3]
    assert list(ix.prefixed("")) == []
    ix.reindex_doc(2, SimpleNamespace(case_no="640105-20260302-000001"))
    assert sorted(ix.prefixed("640100-")) == [1] and ix.get("640105-20260302-000001") == 2
    ix.unindex_doc(1)
    assert ix.get("640100-20260302-000001") is None


def test_a_class_naming_its_indexes_is_written_into_those_alone(registry):
    from ningxia_portal.indexing.catalog import indexes_for, make_catalog

    class Case:
        catalog_indexes = ("state", "case_no")
        title = "640100-20260302-000001"

    catalog = make_catalog(registry)
    assert indexes_for(catalog, Case()) == [catalog["state"], catalog["case_no"]]
    assert catalog["title"] not in indexes_for(catalog, Case())
    assert indexes_for(catalog, SimpleNamespace(title="营业执照")) == list(catalog.values())


def test_counts_give_up_beyond_a_limit_of_distinct_values():
    ix = index()
    for docid in range(1, 6):
        ix.index_doc(docid, doc(mine_a=((docid,), {"item": f"事项{docid % 3}"})))
    assert ix.counts(["mine:a"], "item", limit=3) == {"事项0": 1, "事项1": 2, "事项2": 2}
    assert ix.counts(["mine:a"], "item", limit=2) is None


def test_two_transactions_adding_documents_to_one_bucket_merge(tmp_path):
    """Two processes catalogue the newest docids at once: the docid -> entries bucket both
    wrote merges (its unchanged values compare), so neither commit is thrown away."""
    import transaction
    from ZODB import DB
    from ZODB.FileStorage import FileStorage

    db = DB(FileStorage(str(tmp_path / "Data.fs")))
    with db.transaction() as conn:
        ix = conn.root()["ix"] = index()
        for docid in (1, 2, 3):
            ix.index_doc(docid, doc(mine_a=((docid,), {"dept": "x", "item": "y"})))
    managers = [transaction.TransactionManager() for _ in range(2)]
    conns = [db.open(transaction_manager=tm) for tm in managers]
    for tm in managers:
        tm.begin()
    for docid, conn in zip((4, 5), conns, strict=True):  # both from the same state
        conn.root()["ix"].index_doc(docid, doc(mine_a=((docid,), {"dept": "x", "item": "y"})))
    for tm in managers:
        tm.commit()  # a ConflictError fails the test
    with db.transaction() as conn:
        assert list(conn.root()["ix"]._entries.keys()) == [1, 2, 3, 4, 5]
    db.close()


def test_entries_stored_as_dicts_before_are_read_and_removed():
    ix = index()
    ix.index_doc(1, doc(mine_a=((1,), {"dept": "x"})))
    ix._entries[1] = {"mine:a": ((1,), {"dept": "x"})}  # as kept before
    assert ix.sort_key(1, ["mine:a"]) == (1, 1)
    assert ix.entries(1) == {"mine:a": ((1,), {"dept": "x"})}
    ix.index_doc(1, doc(mine_a=((1,), {"dept": "x"})))  # unchanged: not rewritten
    assert isinstance(ix._entries[1], dict)
    ix.index_doc(1, doc(mine_a=((2,), {"dept": "z"})))
    assert isinstance(ix._entries[1], bytes)  # rewritten in the compact form
    assert ix.entries(1) == {"mine:a": ((2,), {"dept": "z"})} and ix.entries(7) == {}
    assert list(ix.docids(["mine:a"])) == [1] and ix.counts(["mine:a"], "dept") == {"z": 1}
    ix.unindex_doc(1)
    assert ix.size("mine:a") == 0 and 1 not in ix._entries


def test_entries_stored_as_tuples_before_are_read_moved_and_removed():
    ix = index()
    for docid in (1, 2):
        ix.index_doc(docid, doc(mine_a=((docid,), {"dept": "x"}), queue_d=((0, docid), {})))
    ix._entries[1] = (("mine:a", (1,), (("dept", "x"),)), ("queue:d", (0, 1), ()))  # as before
    assert ix.entries(1) == {"mine:a": ((1,), {"dept": "x"}), "queue:d": ((0, 1), {})}
    assert ix.sort_key(1, ["queue:d"]) == (0, 1, 1)
    ix.index_doc(1, doc(mine_a=((1,), {"dept": "y"})))  # off the queue, another department
    assert isinstance(ix._entries[1], bytes)
    assert list(ix.docids(["queue:d"])) == [2] and ix.counts(["mine:a"], "dept") == {
        "x": 1,
        "y": 1,
    }
    ix._entries[2] = (("mine:a", (2,), (("dept", "x"),)), ("queue:d", (0, 2), ()))
    ix.unindex_doc(2)
    assert ix.size("queue:d") == 0 and ix.counts(["mine:a"], "dept") == {"y": 1}


def test_a_document_s_entries_are_one_value_that_reads_back_what_was_indexed():
    """Kept as bytes: a bucket of them pickles as one object per document."""
    ix = index()
    entries = {
        "mine:a": ((-1_700_000_000.25,), {"department": "640100/scjg", "item": "食品经营许可"}),
        "queue:640100": ((0, 739_000), {"department": "640100/scjg", "pending": "1"}),
    }
    ix.index_doc(5, SimpleNamespace(catalog_lists=entries))
    assert isinstance(ix._entries[5], bytes)
    assert ix.entries(5) == entries
    assert ix.sort_key(5, ["queue:640100"]) == (0, 739_000, 5)
