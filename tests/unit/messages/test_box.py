"""The box under concurrent writers: two messages at once both commit; counters add up."""

from datetime import UTC, datetime

import pytest
import transaction
from ZODB import DB
from ZODB.FileStorage import FileStorage

from ningxia_portal.messages.resources import Message, MessageBox, Messages

NOW = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def message(n):
    return Message(NOW, f"subject {n}", "text", "/filings/x/")


@pytest.fixture
def db(tmp_path):
    database = DB(FileStorage(str(tmp_path / "Data.fs")))
    tm = transaction.TransactionManager()
    conn = database.open(transaction_manager=tm)
    messages = conn.root()["messages"] = Messages()
    box = messages.box_for("acme")
    for n in range(5):
        box.add(message(n))
    tm.commit()
    conn.close()
    yield database
    database.close()


def open_box(database):
    tm = transaction.TransactionManager()
    conn = database.open(transaction_manager=tm)
    return tm, conn, conn.root()["messages"].box("acme")


def test_two_writers_add_to_one_box_at_once_and_both_commit(db):
    tm1, conn1, box1 = open_box(db)
    tm2, conn2, box2 = open_box(db)
    box1.add(message("a"))
    box2.add(message("b"))
    tm1.commit()
    tm2.commit()  # no ConflictError: different keys, counters that add up
    conn1.close()
    conn2.close()
    tm, conn, box = open_box(db)
    assert len(box) == 7 and box.unread() == 7
    assert {box.get(k).subject for k in box.newest_keys()} >= {"subject a", "subject b"}
    conn.close()


def test_mark_all_read_beside_a_new_message_leaves_the_new_one_unread(db):
    tm1, conn1, box1 = open_box(db)
    tm2, conn2, box2 = open_box(db)
    box1.mark_all_read()
    new = box2.add(message("new"))
    key = new.key
    tm1.commit()
    tm2.commit()
    conn1.close()
    conn2.close()
    tm, conn, box = open_box(db)
    assert box.unread() == 1
    assert not box.is_read(box.get(key))
    conn.close()


def test_keys_keep_their_order_under_a_frozen_clock_and_reading_writes_nothing():
    box = MessageBox("acme")
    added = [box.add(message(n)).key for n in range(40)]
    assert list(box.newest_keys()) == sorted(added, reverse=True)
    assert box.mark_read(box.get(added[0])) is True
    assert box.mark_read(box.get(added[0])) is False  # once
    assert box.unread() == 39
