"""What keeps ratings right under concurrent writers, on a real FileStorage with two
connections: the tallies merge by adding; one case's two ratings conflict."""

from datetime import UTC, datetime

import pytest
import transaction
from ZODB import DB
from ZODB.FileStorage import FileStorage
from ZODB.POSException import ConflictError

from ningxia_portal.evaluations.resources import Evaluations, Tally, rating_deltas

WHEN = datetime(2026, 3, 2, 1, tzinfo=UTC)
SCORES = {"overall": 2, "efficiency": 1, "guide": 3, "convenience": 2, "platform": 4}


@pytest.fixture
def db(tmp_path):
    database = DB(FileStorage(str(tmp_path / "Data.fs")))
    with database.transaction() as conn:
        container = conn.root()["evaluations"] = Evaluations()
        container.count("640100/scjg", WHEN, {"n": 1})  # both tallies exist
    yield database
    database.close()


def two_connections(db):
    managers = [transaction.TransactionManager() for _ in range(2)]
    conns = [db.open(transaction_manager=tm) for tm in managers]
    return managers, [c.root()["evaluations"] for c in conns], conns


def test_concurrent_ratings_of_one_department_add_up(db):
    managers, containers, conns = two_connections(db)
    containers[0].count("640100/scjg", WHEN, rating_deltas(SCORES))
    containers[1].count("640100/scjg", WHEN, rating_deltas({**SCORES, "overall": 5}))
    containers[1].count("640100/scjg", WHEN, {"answered": 1})
    managers[0].commit()
    managers[1].commit()  # resolved, not refused
    for conn in conns:
        conn.close()
    with db.transaction() as conn:
        container = conn.root()["evaluations"]
        for tally in (
            container.totals["640100/scjg"],
            container.monthly[("640100/scjg", "2026-03")],
        ):
            assert tally.get("n") == 3
            assert tally.get("sum:overall") == 7 and tally.get("sum:platform") == 8
            assert tally.get("poor") == 1 and tally.get("answered") == 1
            assert tally.get("level:2") == 1 and tally.get("level:5") == 1


def test_two_ratings_of_one_case_conflict(db):
    with db.transaction() as conn:  # the container holds other ratings
        for n in range(1, 40, 3):
            conn.root()["evaluations"].data[f"640100-20260302-{n:06d}"] = Tally()
    managers, containers, conns = two_connections(db)
    for container in containers:
        container.data["640100-20260302-000002"] = Tally()  # any persistent value
    managers[0].commit()
    with pytest.raises(ConflictError):
        managers[1].commit()
    managers[1].abort()
    for conn in conns:
        conn.close()


def test_a_tally_reads_its_averages():
    tally = Tally()
    assert tally.average("overall") is None
    tally.add(rating_deltas(SCORES))
    tally.add(rating_deltas({**SCORES, "overall": 5}))
    assert tally.average("overall") == 3.5 and tally.get("tasks") == 1
