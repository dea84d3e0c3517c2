"""BTrees with small inner nodes, for the trees that grow at one place (a million filings).

An inner node of a BTree holds up to 250 children (string keys) or 500 (integer keys). The
trees of filings grow at one end or one spot: case numbers and docids increase, a list's
newest entries sit together. Such inserts split the same bucket every 15–30 documents, and
every split rewrites the node above it: the whole node is pickled again, and each
connection holding it loads it again (a submission's case number: eight server threads
reloaded a node of ~250 children every 15 submissions). A node of 16 children costs a
few percent of that; the tree is two or three levels deeper, which a lookup crosses in C.

Pickled by class: keep these importable. Evolve step 16 moved existing trees into them.
"""

from BTrees.IFBTree import IFTreeSet
from BTrees.IOBTree import IOBTree
from BTrees.LOBTree import LOBTree
from BTrees.OIBTree import OIBTree
from BTrees.OOBTree import OOBTree, OOTreeSet

from ningxia_portal.core.database import let_go

NODE = 16  # children per inner node at most


def _small_node(base):
    """``base`` with inner nodes of ``NODE`` children, named as this module binds it (the
    name pickles refer to)."""
    name = "SmallNode" + base.__name__
    return type(name, (base,), {"max_internal_size": NODE, "__module__": __name__})


SmallNodeOOBTree = _small_node(OOBTree)
SmallNodeOOTreeSet = _small_node(OOTreeSet)
SmallNodeIOBTree = _small_node(IOBTree)
SmallNodeLOBTree = _small_node(LOBTree)
SmallNodeOIBTree = _small_node(OIBTree)
SmallNodeIFTreeSet = _small_node(IFTreeSet)
SMALL_NODE = {
    cls.__base__: cls
    for cls in (
        SmallNodeOOBTree,
        SmallNodeOOTreeSet,
        SmallNodeIOBTree,
        SmallNodeLOBTree,
        SmallNodeOIBTree,
        SmallNodeIFTreeSet,
    )
}
CHUNK = 50_000  # entries copied between savepoints


def to_small_nodes(tree, put, jar=None):
    """Copy ``tree`` into its small-node class and ``put(copy)`` where the tree was; return
    the copy (or ``tree`` itself when it has no small-node class or already is one).

    With ``jar`` (the tree's connection), a savepoint every ``CHUNK`` entries lets the
    connection's cache drop what was copied: a million entries stay within memory.
    """
    cls = SMALL_NODE.get(type(tree))
    if cls is None:
        return tree
    copy = cls()
    put(copy)
    entries = tree.items() if hasattr(tree, "items") else iter(tree)
    batch = []
    for entry in entries:
        batch.append(entry)
        if len(batch) >= CHUNK:
            copy.update(batch)
            batch = []
            let_go(jar)
    copy.update(batch)
    return copy
