"""A reservation of case numbers (a transaction of its own) that keeps conflicting gives up
with the conflict, and its connection back to the pool."""

import pytest
import transaction
from BTrees.OOBTree import OOBTree
from persistent.mapping import PersistentMapping
from ZODB.MappingStorage import MappingStorage
from ZODB.POSException import ConflictError

from ningxia_portal.core.database import PortalDB
from ningxia_portal.core.root import APP_ROOT_KEY
from ningxia_portal.filings import numbers

DAY = "640100-20260302"


@pytest.fixture
def db():
    database = PortalDB(MappingStorage())
    with database.transaction() as conn:
        filings = PersistentMapping()
        filings.sequences = OOBTree()
        conn.root()[APP_ROOT_KEY] = PersistentMapping(filings=filings)
    yield database
    database.close()


def test_a_reservation_takes_the_next_numbers(db):
    assert numbers.reserve(db, DAY, 5) == 1
    assert numbers.reserve(db, DAY, 5) == 6


def test_a_reservation_that_keeps_conflicting_gives_its_connection_back(db, monkeypatch):
    def conflicting_commit(manager):
        raise ConflictError("another process reserved meanwhile")

    monkeypatch.setattr(transaction.TransactionManager, "commit", conflicting_commit)
    with pytest.raises(ConflictError, match="could not be reserved"):
        numbers.reserve(db, DAY, 5)
    assert [conn for conn in db.pool.all if conn.opened is not None] == []
    monkeypatch.undo()
    assert numbers.reserve(db, DAY, 5) == 1  # nothing of the failed attempts was stored
