"""``ListIndex`` against a plain model, after any sequence of index, reindex and unindex.

The model keeps each document's entries ({list name: (sort key, facets)}); the index must
agree with it on every list's order, size, members and facet tallies, and on lists read
together (merged in key order, each document once, at its smallest key).
"""

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from ningxia_portal.indexing.discriminators import Attr
from ningxia_portal.indexing.lists import ListIndex

NAMES = ("queue:640100", "queue:640104", "mine:acme")
FACETS = {"dept": ("scjg", "sw"), "state": ("submitted", "accepted", "completed")}

docids = st.integers(min_value=1, max_value=8)
sort_keys = st.tuples(st.integers(min_value=0, max_value=1), st.sampled_from(("a", "b", "c")))
facets = st.fixed_dictionaries({}, optional={f: st.sampled_from(v) for f, v in FACETS.items()})
entries = st.dictionaries(st.sampled_from(NAMES), st.tuples(sort_keys, facets), max_size=3)
operations = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(("index", "reindex")), docids, entries),
        st.tuples(st.just("unindex"), docids, st.none()),
    ),
    max_size=30,
)


def model_order(model, names):
    """Docids of the lists ``names`` in key order, each once, at its smallest key."""
    keyed = sorted(
        (*e[name][0], docid) for docid, e in model.items() for name in names if name in e
    )
    order = []
    for *_key, docid in keyed:
        if docid not in order:
            order.append(docid)
    return order


def model_counts(model, names, facet):
    counts = {}
    for e in model.values():
        for name in names:
            value = e[name][1].get(facet) if name in e else None
            if value is not None:
                counts[value] = counts.get(value, 0) + 1
    return counts


@settings(max_examples=150, deadline=None)
@given(operations)
def test_the_index_agrees_with_a_model(ops):
    index = ListIndex(Attr("catalog_lists"))
    model, used = {}, set()
    for op, docid, found in ops:
        if op == "unindex":
            index.unindex_doc(docid)
            model.pop(docid, None)
            continue
        getattr(index, f"{op}_doc")(docid, SimpleNamespace(catalog_lists=found))
        if found:
            model[docid] = found
            used.update(found)
        else:
            model.pop(docid, None)

    for name in NAMES:
        members = sorted(d for d, e in model.items() if name in e)
        assert list(index.docids([name])) == model_order(model, [name])
        assert index.size(name) == len(members)
        assert sorted(index.members([name])) == members
        for facet in FACETS:
            assert index.counts([name], facet) == model_counts(model, [name], facet)
    assert list(index.docids(NAMES)) == model_order(model, NAMES)
    assert sorted(index.members(NAMES)) == sorted(model)
    assert index.counts(NAMES, "state") == model_counts(model, NAMES, "state")
    assert index.names("") == sorted(used)  # emptied lists stay, with size 0
    for docid, e in model.items():
        first = next(name for name in NAMES if name in e)
        assert index.sort_key(docid, NAMES) == (*e[first][0], docid)
