"""The log's storage: entries are tuples nothing changes, concurrent writers of two
connections both commit, and a search walks keys newest first without reading the log."""

from datetime import UTC, datetime, timedelta

import pytest
import transaction
from ZODB import DB
from ZODB.FileStorage import FileStorage

from ningxia_portal.audit.resources import AuditLog, microseconds, parse_key

T0 = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)


def filled(n=0, **fields):
    log = AuditLog()
    for i in range(n):
        log.append(T0 + timedelta(seconds=i), f"u{i % 3}", "10.0.0.1", f"a.{i % 2}", f"t{i % 5}")
    log.flush()
    return log


def test_an_entry_is_a_tuple_and_the_wrapper_has_no_setter():
    log = AuditLog()
    key = log.append(T0, "guanli", "10.0.0.1", "role.granted", "chuangkou", "reviewer@640100")
    assert log[f"{key[0]}-{key[1]}"].actor == "guanli"  # readable while it waits for a flush
    assert log.flush() == 1
    values = log.entries[key]
    assert values == ("guanli", "10.0.0.1", "role.granted", "chuangkou", "reviewer@640100")
    with pytest.raises(TypeError):
        values[0] = "someone"  # type: ignore[index]
    entry = log[f"{key[0]}-{key[1]}"]
    assert entry.actor == "guanli" and entry.when.isoformat() == "2026-03-02T09:30:00+08:00"
    writers = [
        n for n in dir(AuditLog) if n.startswith(("set", "remove", "delete", "edit", "update"))
    ]
    assert (
        writers == []
        and not hasattr(AuditLog, "__setitem__")
        and not hasattr(AuditLog, "__delitem__")
    )


def test_a_key_already_in_the_trees_is_drawn_again_at_the_flush():
    log = AuditLog()
    first = log.append(T0, "guanli", "10.0.0.1", "role.granted", "chuangkou")
    log.flush()
    # Another writer's pending entry that drew the same µs and random bits.
    log.pending_entries().add(first, ("shenhe", "10.0.0.2", "filing.accepted", "case", ""))
    assert log.flush() == 1
    assert len(log.entries) == 2 and log.entries[first][0] == "guanli"
    (second,) = [k for k in log.entries if k != first]
    assert second[0] == first[0] and log.entries[second][0] == "shenhe"
    assert list(log.by_actor.keys()) == [("guanli", *first), ("shenhe", *second)]


def test_long_fields_are_cut():
    log = AuditLog()
    key = log.append(T0, "x" * 500, "", "a", "t" * 500, "d" * 5000)
    log.flush()
    actor, _address, _action, target, detail = log.entries[key]
    assert len(actor) == 64 and len(target) == 200 and len(detail) == 1000 and detail.endswith("…")


def test_search_by_each_filter_newest_first():
    log = filled(30)
    assert len(log) == 30
    everything = log.search().take(100, 1000)
    assert [e.when for e in everything] == sorted((e.when for e in everything), reverse=True)
    assert {e.actor for e in log.search(actor="u1").take(100, 1000)} == {"u1"}
    assert len(log.search(actor="u1").take(100, 1000)) == 10
    assert len(log.search(action="a.1").take(100, 1000)) == 15
    assert len(log.search(action="a.").take(100, 1000)) == 30  # a prefix: both actions
    assert len(log.search(target="t0", action="a.0").take(100, 1000)) == 3
    start = microseconds(T0 + timedelta(seconds=10))
    end = microseconds(T0 + timedelta(seconds=20))
    found = log.search(start=start, end=end).take(100, 1000)
    assert [e.target for e in found] == [f"t{i % 5}" for i in range(19, 9, -1)]
    assert log.actions() == ["a.0", "a.1"]


def test_pages_follow_each_other_by_key():
    log = filled(120)
    seen, before = [], None
    while True:
        search = log.search(before=before)
        page = search.take(50, 1000)
        seen += [e.key for e in page]
        if not search.more():
            break
        before = search.last
    assert len(seen) == 120 == len(set(seen)) and seen == sorted(seen, reverse=True)


def test_a_page_reads_a_few_buckets_of_a_large_log():
    log = AuditLog()
    for i in range(20_000):
        log.append(T0 + timedelta(milliseconds=i), "u", "", "a", "")
    log.flush(limit=20_000)
    calls = []
    tree = log.entries

    class Counting:
        def maxKey(self, key):  # noqa: N802 - the BTree API
            calls.append(key)
            return tree.maxKey(key)

        def __getattr__(self, name):
            return getattr(tree, name)

    log.entries = Counting()
    search = log.search()
    assert len(search.take(50, 1000)) == 50 and len(calls) == 50


def test_a_malformed_key_does_not_traverse():
    for name in ("", "1", "1-", "-1", "a-1", "01-1", "1-01", "1-99999999999", "1-2-3"):
        assert parse_key(name) is None
    assert parse_key("1700000000000000-42") == (1700000000000000, 42)


def test_two_flushes_at_once_lose_nothing(tmp_path):
    """Two connections append, commit, then both flush at once: the second flush conflicts
    on the trees or merges; whatever it couldn't move waits for the next, never lost."""
    db = DB(FileStorage(str(tmp_path / "Data.fs")))
    try:
        with db.transaction() as conn:
            log = conn.root()["log"] = AuditLog()
            for i in range(6):
                log.append(T0 + timedelta(seconds=i), f"u{i}", "", "login.success", "")
        tms = [transaction.TransactionManager() for _ in range(2)]
        conns = [db.open(transaction_manager=tm) for tm in tms]
        for conn in conns:
            conn.root()["log"].flush()
        tms[0].commit()
        try:
            tms[1].commit()
        except transaction.interfaces.TransientError:
            tms[1].abort()
        for conn in conns:
            conn.close()
        with db.transaction() as conn:
            log = conn.root()["log"]
            assert len(log.entries) + len(log.waiting) == 6 == len(log)
            log.flush()
            assert sorted(log.entries.values())[0][0] == "u0" and len(log.entries) == 6
    finally:
        db.close()


@pytest.mark.parametrize("seeded", [True, False])
def test_two_connections_append_concurrently_and_both_commit(tmp_path, seeded):
    db = DB(FileStorage(str(tmp_path / "Data.fs")))
    try:
        with db.transaction() as conn:
            conn.root()["log"] = log = AuditLog()
            if seeded:
                log.append(T0, "seed", "", "seed", "")
        tms = [transaction.TransactionManager() for _ in range(2)]
        conns = [db.open(transaction_manager=tm) for tm in tms]
        for conn in conns:
            conn.root()["log"]  # both read the same state before either writes
        for i, conn in enumerate(conns):
            log = conn.root()["log"]
            for j in range(5):
                log.append(T0 + timedelta(seconds=1), f"writer{i}", "", "login.failure", f"t{j}")
        for tm in tms:
            tm.commit()  # no ConflictError: the keys differ, the count adds up
        for conn in conns:
            conn.close()
        with db.transaction() as conn:
            log = conn.root()["log"]
            expected = 10 + seeded
            assert len(log) == expected == len(log.waiting)  # found before any flush
            for _ in range(2):
                assert len(log.search(action="login.failure").take(100, 1000)) == 10
                assert len(log.search(actor="writer1").take(100, 1000)) == 5
                assert len(log.search(target="t3").take(100, 1000)) == 2
                log.flush()
            assert len(log.entries) == expected and len(log.waiting) == 0
    finally:
        db.close()


def test_a_request_flushes_once_enough_entries_wait_or_the_oldest_waited_long():
    from ningxia_portal.audit.recording import FLUSH_AFTER, FLUSH_AT, _flush_due

    t0 = microseconds(T0)
    assert not _flush_due({})
    few = {(t0 + i, i): ("u", "", "a", "", "") for i in range(FLUSH_AT - 1)}
    assert not _flush_due(few)
    assert _flush_due({**few, (t0 + FLUSH_AT, 0): ("u", "", "a", "", "")})
    assert _flush_due({(t0, 1): (), (t0 + FLUSH_AFTER, 2): ()})
    assert not _flush_due({(t0, 1): (), (t0 + FLUSH_AFTER - 1, 2): ()})


def test_a_serialized_writer_flushes_once_it_let_the_next_writer_in(tmp_path):
    """The flush is a transaction of its own: the writer that holds the write lock runs it
    after letting go, and a request outside the lock runs it at once."""
    from persistent.mapping import PersistentMapping

    from ningxia_portal.audit.recording import flush_log
    from ningxia_portal.core.root import APP_ROOT_KEY
    from ningxia_portal.web.writers import WriteLock

    db = DB(FileStorage(str(tmp_path / "Data.fs")))
    with db.transaction() as conn:  # the portal's root as ``log_of`` reads it
        manage = PersistentMapping(audit=AuditLog())
        conn.root()[APP_ROOT_KEY] = PersistentMapping(manage=manage)
        manage["audit"].append(datetime.now(UTC), "guanli", "", "login")

    def waiting():
        with db.transaction() as conn:
            return len(conn.root()[APP_ROOT_KEY]["manage"]["audit"].waiting)

    lock = WriteLock()
    lock.acquire()
    flush_log(True, db, lock)
    assert waiting() == 1  # not while the next writer would wait for it
    lock.release()
    assert waiting() == 0
    with db.transaction() as conn:
        conn.root()[APP_ROOT_KEY]["manage"]["audit"].append(datetime.now(UTC), "a", "", "b")
    flush_log(True, db, lock)  # this thread doesn't hold it: at once
    assert waiting() == 0
    db.close()
