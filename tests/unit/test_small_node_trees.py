"""Small-node BTrees (core/trees.py) and evolve step 16, which moves stored trees into them."""

from BTrees.IFBTree import IFTreeSet
from BTrees.IOBTree import IOBTree
from BTrees.LOBTree import LOBTree
from BTrees.OIBTree import OIBTree
from BTrees.OOBTree import OOBTree, OOTreeSet
from hypatia.field import FieldIndex
from hypatia.query import Eq
from ZODB import DB

from ningxia_portal.core import evolve, trees
from ningxia_portal.core.root import APP_ROOT_KEY, Portal
from ningxia_portal.filings.evolve import step016
from ningxia_portal.indexing.lists import KeyIndex, ListIndex
from tests.unit.filings.helpers import add_case, make_user, portal_before


def _last_node(tree):
    """Children of the inner node above the last bucket: the node a split rewrites."""
    node = tree
    while True:
        state = node.__getstate__()[0]  # (child, key, child, …)
        last = state[-1]
        if not isinstance(last, type(tree)):  # a bucket
            return len(state) // 2 + 1
        node = last


def test_the_node_an_append_rewrites_stays_small():
    tree, plain = trees.SmallNodeOOBTree(), OOBTree()
    for n in range(20_000):
        tree[f"640100-20261125-{n:06d}"] = plain[f"640100-20261125-{n:06d}"] = n
    assert list(tree.items()) == list(plain.items())
    assert _last_node(tree) <= trees.NODE
    assert _last_node(plain) > 100


def _as_stored_before(root):
    """Put every tree step 16 moves back into its plain BTree class, with its contents."""
    filings = root["filings"]
    filings.data = OOBTree(filings.data)
    root.docmap.objects = IOBTree(root.docmap.objects)
    for index in root.catalog.values():
        if isinstance(index, FieldIndex):
            index._rev_index = LOBTree(index._rev_index)
        elif isinstance(index, KeyIndex):
            index._fwd, index._rev = OIBTree(index._fwd), IOBTree(index._rev)
        elif isinstance(index, ListIndex):
            index._entries = IOBTree(index._entries)
            for name in list(index._orders.keys()):
                index._orders[name] = OOTreeSet(index._orders[name])
                index._members[name] = IFTreeSet(index._members[name])


def _filed(root, n, owner="acme"):
    return add_case(root, f"640100-20260302-{n:06d}", owner=make_user(owner))


def _check(root, cases):
    catalog = root.catalog
    assert type(root["filings"].data) is trees.SmallNodeOOBTree
    assert type(root.docmap.objects) is trees.SmallNodeIOBTree
    assert type(catalog["state"]._rev_index) is trees.SmallNodeLOBTree
    assert type(catalog["case_no"]._fwd) is trees.SmallNodeOIBTree
    lists = catalog["lists"]
    assert type(lists._entries) is trees.SmallNodeIOBTree
    assert type(lists._orders["mine:acme"]) is trees.SmallNodeOOTreeSet
    assert type(lists._members["mine:acme"]) is trees.SmallNodeIFTreeSet
    # Everything reads as before.
    for case in cases:
        assert root["filings"][case.case_no] is case
        assert root.docmap.get(case.__docid__) is case
        assert catalog["case_no"].get(case.case_no) == case.__docid__
    assert sorted(Eq(catalog["state"], "submitted").execute().ids) == sorted(
        c.__docid__ for c in cases
    )
    mine = [c for c in cases if c.owner == "acme"]
    assert sorted(lists.docids(["mine:acme"])) == sorted(c.__docid__ for c in mine)
    assert lists.size("mine:acme") == len(mine)


def test_step16_moves_stored_trees_into_small_node_classes(registry):
    root = portal_before(16, registry)
    cases = [_filed(root, n, owner="acme" if n % 2 else "other") for n in range(1, 41)]
    _as_stored_before(root)
    assert type(root["filings"].data) is OOBTree

    step016.evolve(root, registry)

    _check(root, cases)
    step016.evolve(root, registry)  # again: nothing left to move
    _check(root, cases)


def test_step16_in_a_database_copies_through_savepoints(monkeypatch, registry):
    monkeypatch.setattr(trees, "CHUNK", 7)  # many savepoints on a small database
    db = DB(None)
    with db.transaction() as conn:
        root = conn.root()[APP_ROOT_KEY] = portal_before(16, registry)
        cases = [_filed(root, n) for n in range(1, 31)]
        _as_stored_before(root)
    with db.transaction() as conn:
        step016.evolve(conn.root()[APP_ROOT_KEY], registry)
    with db.transaction() as conn:
        root = conn.root()[APP_ROOT_KEY]
        cases = [root["filings"][c.case_no] for c in cases]
        _check(root, cases)
    db.close()


def test_a_new_database_has_small_node_trees_from_the_start(registry):
    root = Portal()
    evolve.evolve(root, registry, commit=False)
    _check(root, [_filed(root, 1)])
