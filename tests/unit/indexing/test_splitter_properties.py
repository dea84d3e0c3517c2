"""The bigram splitter in the project's text index, over generated Han texts: a quoted
query of any substring of two or more characters finds exactly the texts that hold it."""

from types import SimpleNamespace

from hypatia.catalog import Catalog
from hypatia.query import Contains
from hypothesis import given, settings
from hypothesis import strategies as st

from ningxia_portal.indexing.catalog import BASE_INDEXES
from ningxia_portal.indexing.query import phrase_query
from ningxia_portal.indexing.splitter import tokens

# A few characters, so that texts share bigrams and a phrase must match in order.
HAN = "营业执照食品经营许可办理"
texts = st.lists(st.text(alphabet=HAN, min_size=2, max_size=16), min_size=1, max_size=6)


def catalog_of(documents):
    """A hypatia catalog with the project's text index, document i + 1 holding text i."""
    catalog = Catalog()
    catalog["text"] = BASE_INDEXES["text"]()
    for docid, text in enumerate(documents, start=1):
        catalog.index_doc(docid, SimpleNamespace(searchable_text=text))
    return catalog


def found(catalog, typed):
    return set(Contains(catalog["text"], phrase_query(typed)).execute().ids)


@settings(max_examples=60, deadline=None)
@given(texts, st.data())
def test_a_quoted_substring_finds_exactly_the_texts_holding_it(documents, data):
    text = data.draw(st.sampled_from(documents))
    start = data.draw(st.integers(min_value=0, max_value=len(text) - 2))
    end = data.draw(st.integers(min_value=start + 2, max_value=len(text)))
    substring = text[start:end]
    expected = {docid for docid, doc in enumerate(documents, start=1) if substring in doc}
    assert found(catalog_of(documents), substring) == expected


@settings(max_examples=60, deadline=None)
@given(texts, st.data())
def test_a_substring_is_found_after_a_reindex_and_not_after_an_unindex(documents, data):
    catalog = catalog_of(documents)
    docid = data.draw(st.integers(min_value=1, max_value=len(documents)))
    new_text = data.draw(st.text(alphabet=HAN, min_size=2, max_size=16))
    catalog.reindex_doc(docid, SimpleNamespace(searchable_text=new_text))
    assert docid in found(catalog, new_text)
    catalog.unindex_doc(docid)
    assert docid not in found(catalog, new_text)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=HAN + "ab1 （）、", max_size=30))
def test_han_runs_become_their_bigrams(text):
    runs = "".join(c if c in HAN else " " for c in text).split()
    han = [t for t in tokens(text) if t[0] in HAN]
    expected = [r if len(r) == 1 else r[i : i + 2] for r in runs for i in range(max(1, len(r) - 1))]
    assert han == expected
