"""The places of a slot under concurrent transactions, without any lock: two transactions
taking a place in the same slot conflict (ZODB refuses the second commit, which
pyramid_retry replays), bookings of different slots don't."""

from datetime import date

import pytest
import transaction
from ZODB import DB
from ZODB.FileStorage import FileStorage
from ZODB.POSException import ConflictError

from ningxia_portal.appointments.resources import Appointments

DAY = date(2026, 3, 10)


@pytest.fixture
def db(tmp_path):
    database = DB(FileStorage(str(tmp_path / "Data.fs")))
    with database.transaction() as conn:
        container = conn.root()["appointments"] = Appointments()
        container.bookings("640100/scjg", DAY, "09:00-10:00", create=True)
        container.bookings("640100/scjg", DAY, "10:00-11:00", create=True)
    yield database
    database.close()


def two_writers(db):
    """Two connections in transactions of their own, both reading the same state."""
    out = []
    for _ in range(2):
        tm = transaction.TransactionManager()
        conn = db.open(transaction_manager=tm)
        out.append((tm, conn.root()["appointments"]))
    return out


def take(container, slot, name, department="640100/scjg"):
    held = container.bookings(department, DAY, slot, create=True)
    held.take(name)
    return len(held.ids)


def test_two_bookings_of_the_same_slot_conflict(db):
    (tm1, c1), (tm2, c2) = two_writers(db)
    assert take(c1, "09:00-10:00", "a") == 1
    assert take(c2, "09:00-10:00", "b") == 1  # each saw the slot empty
    tm1.commit()
    with pytest.raises(ConflictError):
        tm2.commit()
    tm2.abort()
    with db.transaction() as conn:
        assert conn.root()["appointments"].taken("640100/scjg", DAY, "09:00-10:00") == 1


def test_the_first_bookings_of_one_new_slot_conflict_too(db):
    (tm1, c1), (tm2, c2) = two_writers(db)
    take(c1, "11:00-12:00", "a")
    take(c2, "11:00-12:00", "b")
    tm1.commit()
    with pytest.raises(ConflictError):
        tm2.commit()
    tm2.abort()


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("09:00-10:00", "640100/scjg"), ("10:00-11:00", "640100/scjg")),  # existing records
        (("14:30-15:30", "640100/scjg"), ("15:30-16:30", "640100/sw")),  # new records
    ],
)
def test_bookings_of_different_slots_do_not_conflict(db, first, second):
    (tm1, c1), (tm2, c2) = two_writers(db)
    take(c1, first[0], "a", first[1])
    take(c2, second[0], "b", second[1])
    tm1.commit()
    tm2.commit()
    with db.transaction() as conn:
        container = conn.root()["appointments"]
        assert container.taken(first[1], DAY, first[0]) == 1
        assert container.taken(second[1], DAY, second[0]) == 1


def test_giving_a_place_back():
    container = Appointments()
    held = container.bookings("640100/scjg", DAY, "09:00-10:00", create=True)
    held.take("a")
    held.take("b")
    held.give_back("a")
    held.give_back("zzz")
    assert held.ids == ("b",)
