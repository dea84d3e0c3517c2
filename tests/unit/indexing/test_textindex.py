"""The text index's postings: concurrent indexing of the same words doesn't conflict."""

import transaction
import ZODB
from hypatia.text.lexicon import CaseNormalizer, Lexicon
from hypatia.text.okapiindex import OkapiIndex

from ningxia_portal.core.root import Portal
from ningxia_portal.indexing.catalog import BASE_INDEXES
from ningxia_portal.indexing.evolve import step010 as step007
from ningxia_portal.indexing.splitter import CJKBigramSplitter
from ningxia_portal.indexing.textindex import PostingsOkapiIndex


class Doc:
    def __init__(self, text):
        self.searchable_text = text


def found(index, text):
    return sorted(index.apply(f'"{text}"'))


def test_two_transactions_indexing_the_same_words_both_commit(tmp_path):
    db = ZODB.DB(str(tmp_path / "Data.fs"))  # FileStorage: it resolves conflicts
    tm1, tm2 = transaction.TransactionManager(), transaction.TransactionManager()
    c1, c2 = db.open(transaction_manager=tm1), db.open(transaction_manager=tm2)
    with tm1:
        index = c1.root()["text"] = BASE_INDEXES["text"]()
        for docid in range(1, 30):  # every word already has postings (new words would
            # race for the lexicon's word ids, a different and rarer conflict)
            name = "宁夏阿克米食品有限公司" if docid % 2 else "银川其他商贸有限公司"
            index.index_doc(docid, Doc("食品经营许可（新办） " + name))
        index.index_doc(30, Doc("企业档案查询"))  # rare words: few postings
    c2.sync()
    with tm1:
        c1.root()["text"].index_doc(1000, Doc("食品经营许可（新办） 宁夏阿克米食品有限公司"))
        tm2.begin()
        c2.root()["text"].index_doc(2000, Doc("食品经营许可（新办） 银川其他商贸有限公司"))
    tm2.commit()  # no ConflictError: only the words' own trees changed, and they merge
    c3 = db.open()
    index = c3.root()["text"]
    assert found(index, "食品经营许可") == [*range(1, 30), 1000, 2000]
    assert found(index, "阿克米") == [*range(1, 30, 2), 1000]
    assert found(index, "其他商贸") == [*range(2, 30, 2), 2000]
    index.unindex_doc(2000)
    assert found(index, "其他商贸") == [*range(2, 30, 2)]
    assert found(index, "食品经营许可")[-1] == 1000
    transaction.abort()
    for c in (c1, c2, c3):
        c.close()
    db.close()


def test_evolve_step_7_switches_a_stored_index_and_keeps_its_data(registry):
    root = Portal()
    lexicon = Lexicon(CJKBigramSplitter(), CaseNormalizer())
    root.catalog = {"text": BASE_INDEXES["text"]()}
    old = root.catalog["text"]
    old.index = OkapiIndex(lexicon)
    old.lexicon = lexicon
    old.index.index_doc(1, "企业档案查询")  # a plain dict of postings, hypatia's way
    step007.evolve(root, registry)
    assert type(old.index) is PostingsOkapiIndex
    old.index.index_doc(2, "企业档案")
    assert found(old, "企业档案") == [1, 2]
    assert not isinstance(old.index._wordinfo[lexicon.termToWordIds("企业")[0]], dict)
