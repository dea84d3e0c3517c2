"""What the indexes rely on inside hypatia (pinned in setup.cfg), checked so that a new
hypatia fails here, loudly, rather than in a silently slower or wrong catalog.

``indexing/textindex.py`` overrides the text index's private ``_*_wordinfo`` methods (they
must still exist, take the same arguments and be what indexing calls); ``indexing/catalog.py``
replaces FieldIndex's ``_rev_index`` in ``reset``; ``indexing/query.py`` reads
``_rev_index`` (docid -> value) and ``_fwd_index`` (value -> docids) directly.
"""

import inspect

import pytest
from BTrees.Length import Length
from hypatia.field import FieldIndex as HypatiaFieldIndex
from hypatia.text.lexicon import CaseNormalizer, Lexicon
from hypatia.text.okapiindex import OkapiIndex

from ningxia_portal.core.trees import SmallNodeLOBTree
from ningxia_portal.indexing.catalog import FieldIndex
from ningxia_portal.indexing.splitter import CJKBigramSplitter
from ningxia_portal.indexing.textindex import PostingsOkapiIndex

OVERRIDDEN = {
    "_add_wordinfo": ["self", "wid", "f", "docid"],
    "_mass_add_wordinfo": ["self", "wid2weight", "docid"],
    "_del_wordinfo": ["self", "wid", "docid"],
}


@pytest.mark.parametrize(("name", "parameters"), OVERRIDDEN.items())
def test_the_overridden_text_index_methods_keep_their_signatures(name, parameters):
    method = getattr(OkapiIndex, name, None)
    assert method is not None, f"hypatia's OkapiIndex lost {name}: see indexing/textindex.py"
    assert list(inspect.signature(method).parameters) == parameters, (
        f"hypatia's OkapiIndex.{name} changed its arguments: see indexing/textindex.py"
    )


class RecordingIndex(PostingsOkapiIndex):
    def __init__(self, lexicon):
        super().__init__(lexicon)
        self.calls = []

    def _add_wordinfo(self, wid, f, docid):
        self.calls.append("add")
        super()._add_wordinfo(wid, f, docid)

    def _mass_add_wordinfo(self, wid2weight, docid):
        self.calls.append("mass_add")
        super()._mass_add_wordinfo(wid2weight, docid)

    def _del_wordinfo(self, wid, docid):
        self.calls.append("del")
        super()._del_wordinfo(wid, docid)


def test_indexing_goes_through_the_overridden_methods():
    index = RecordingIndex(Lexicon(CJKBigramSplitter(), CaseNormalizer()))
    assert isinstance(index.word_count, Length) and len(index._wordinfo) == 0
    index.index_doc(1, "食品经营许可")
    assert index.calls == ["mass_add", "add", "add", "add", "add", "add"]
    assert index.word_count() == 5 and len(index._wordinfo) == 5
    postings = next(iter(index._wordinfo.values()))
    assert isinstance(postings, type(index.family.IF.BTree())) and list(postings.keys()) == [1]

    index.calls.clear()
    index.reindex_doc(1, "食品生产许可")
    assert "del" in index.calls and "add" in index.calls
    index.calls.clear()
    index.unindex_doc(1)
    assert set(index.calls) == {"del"}
    assert index.word_count() == 0 and len(index._wordinfo) == 0


def test_field_index_reset_makes_the_trees_the_queries_read():
    assert list(inspect.signature(HypatiaFieldIndex.reset).parameters) == ["self"]
    index = FieldIndex("state")
    assert isinstance(index._rev_index, SmallNodeLOBTree)  # reset() runs from __init__
    index.index_doc(7, type("Doc", (), {"state": "submitted"})())
    index.index_doc(8, type("Doc", (), {"state": "submitted"})())
    assert index._rev_index.get(7) == "submitted"
    assert list(index._fwd_index["submitted"]) == [7, 8]
    assert list(index._fwd_index.items())[0][0] == "submitted"
