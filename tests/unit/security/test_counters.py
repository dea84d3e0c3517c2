"""Failure counters in ZODB: one count for every process on the database, concurrent
failures merged instead of conflicting, a growing delay, and a table that stays bounded."""

from datetime import timedelta

import transaction
import ZODB
from ZODB.FileStorage import FileStorage

from ningxia_portal.core.clock import FrozenClock
from ningxia_portal.security.counters import ROOT_KEY, Count, FailureCounters, Rule

PAIR = [("pair:helan|address:10.0.0.1", Rule(5))]


def open_db(tmp_path):
    return ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))


def test_two_processes_see_one_count(tmp_path):
    """Two counters on one database, each transaction on a connection of its own, as two
    processes on one ZEO server would be."""
    db = open_db(tmp_path)
    clock = FrozenClock()
    first, second = FailureCounters(db, clock), FailureCounters(db, clock)
    for _ in range(3):
        assert first.attempt(PAIR).allowed
    for _ in range(2):
        assert second.attempt(PAIR).allowed
    assert first.count(PAIR[0][0]) == second.count(PAIR[0][0]) == 5
    refused = first.attempt(PAIR)
    assert not refused.allowed and refused.wait == 2
    db.close()


def test_concurrent_failures_on_one_key_merge_without_conflict(tmp_path):
    db = open_db(tmp_path)
    FailureCounters(db, FrozenClock()).attempt(PAIR)  # the key exists: 1 failure
    managers = [transaction.TransactionManager() for _ in range(2)]
    conns = [db.open(transaction_manager=tm) for tm in managers]
    counts = []
    for conn in conns:  # both read the count before either writes
        (table,) = conn.root()[ROOT_KEY].values()
        counts.append(table[PAIR[0][0]])
        counts[-1].n  # noqa: B018 - load it
    for count, tm in zip(counts, managers, strict=True):
        count.n += 1
        count.last += 1
        tm.commit()  # the second commit is resolved by Count._p_resolveConflict
    with db.transaction() as conn:
        (table,) = conn.root()[ROOT_KEY].values()
        assert table[PAIR[0][0]].n == 3
    for conn in conns:
        conn.close()
    db.close()


def test_the_delay_grows_and_is_capped():
    counters = FailureCounters(None, FrozenClock(), max_delay=timedelta(minutes=15))
    rule = Rule(5)
    assert [counters.delay_after(n, rule) for n in (0, 4, 5, 6, 7)] == [0, 0, 2, 4, 8]
    assert counters.delay_after(30, rule) == 900


def test_a_right_try_clears_the_pair_and_gives_one_back_to_the_address():
    db = ZODB.DB(None)
    counters = FailureCounters(db, FrozenClock())
    keys = [("pair:a|x", Rule(5)), ("address:x", Rule(50))]
    for _ in range(3):
        counters.attempt(keys)
    counters.forgive(clear=["pair:a|x"], give_back=["address:x"])
    assert counters.count("pair:a|x") == 0 and counters.count("address:x") == 2


def test_old_generations_are_dropped_so_the_table_stays_bounded():
    db = ZODB.DB(None)
    clock = FrozenClock()
    counters = FailureCounters(db, clock, forget=timedelta(hours=1))
    for n in range(5):
        counters.attempt([(f"address:10.0.0.{n}", Rule(50))])
        clock.advance(hours=1)
    counters.attempt([("address:10.0.0.9", Rule(50))])
    with db.transaction() as conn:
        generations = conn.root()[ROOT_KEY]
        assert len(generations) <= 2
        assert sum(len(table) for table in generations.values()) <= 2


def test_a_count_carries_over_into_the_next_generation():
    db = ZODB.DB(None)
    clock = FrozenClock()
    counters = FailureCounters(db, clock, forget=timedelta(hours=1))
    for _ in range(5):
        counters.attempt(PAIR)
        clock.advance(minutes=20)  # crosses a generation, never quiet for an hour
    assert counters.count(PAIR[0][0]) == 5


def test_merge_adds_both_increments():
    merged = Count()._p_resolveConflict(
        {"n": 2, "last": 10.0}, {"n": 3, "last": 11.0}, {"n": 4, "last": 12.0}
    )
    assert merged == {"n": 5, "last": 12.0}
