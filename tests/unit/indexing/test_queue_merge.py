"""The inbox's conflict resolution equals a serial run, for any interleaving.

Transactions begin from some committed state, add fresh entries (requests) or take
entries they read (the indexer), and commit one after the other; each commit after the
state it began from is resolved by ``merge_entries`` against what is committed by then, as
ZODB does. The resolved state must be what running them serially in commit order gives —
nothing lost, nothing taken twice, the order of adds kept — and the only refusal is two
takers of one entry.
"""

from hypothesis import given, settings
from hypothesis import strategies as st
from ZODB.POSException import ConflictError

from ningxia_portal.indexing.queue import merge_entries


@st.composite
def histories(draw):
    """A common start, then transactions in commit order: (kind, begun after n commits,
    what it adds or which of the entries it read it takes)."""
    start = [(b"s%d" % i, i) for i in range(draw(st.integers(0, 5)))]
    fresh = iter(range(100, 10_000))
    txns = []
    for position in range(draw(st.integers(1, 6))):
        begun = draw(st.integers(0, position))  # it began after ``begun`` commits
        if draw(st.booleans()):
            added = [(b"a%d" % next(fresh), 0) for _ in range(draw(st.integers(1, 3)))]
            txns.append(("add", begun, added))
        else:
            txns.append(("take", begun, draw(st.lists(st.integers(0, 20), max_size=4))))
    return start, txns


def run(state, kind, what):
    """One transaction alone on ``state`` (``what``: entries added, or positions taken)."""
    if kind == "add":
        return (*state, *what)
    taken = {state[i % len(state)] for i in what} if state else set()
    return tuple(e for e in state if e not in taken)


@settings(max_examples=300, database=None, deadline=None)
@given(history=histories())
def test_resolving_each_commit_equals_the_serial_run(history):
    start, txns = history
    committed = [tuple(start)]  # the committed state after each commit
    serial = tuple(start)
    for kind, begun, what in txns:
        old = committed[begun]
        new = run(old, kind, what)
        head = committed[-1]
        try:
            result = new if old is head else merge_entries(old, head, new)
        except ConflictError:
            # Only when it took an entry that a commit since it began took already.
            taken_by_it = set(old) - set(new)
            assert taken_by_it - set(head)
            committed.append(head)  # it is retried later: nothing of it is stored
            continue
        if kind == "add":
            serial = (*serial, *what)
        else:
            serial = tuple(e for e in serial if e not in set(old) - set(new))
        assert result == serial
        committed.append(result)


@settings(max_examples=100, database=None, deadline=None)
@given(history=histories())
def test_adds_alone_never_conflict_and_keep_every_entry_in_commit_order(history):
    start, txns = history
    adds = [t for t in txns if t[0] == "add"]
    committed = [tuple(start)]
    for _kind, begun, added in adds:
        begun = min(begun, len(committed) - 1)
        old = committed[begun]
        committed.append(merge_entries(old, committed[-1], (*old, *added)))
    assert committed[-1] == (*start, *(e for _k, _b, added in adds for e in added))


def test_a_take_and_adds_meet_without_conflict():
    old = ((b"x", 1), (b"y", 2))
    taken = ()  # the indexer took both
    added = (*old, (b"z", 3))
    assert merge_entries(old, taken, added) == ((b"z", 3),)
    assert merge_entries(old, added, taken) == ((b"z", 3),)
