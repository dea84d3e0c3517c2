"""The calendar's section: step 19 adds it to old databases, and its overrides reach every
connection (every process) at their next transaction, through a cache keyed by version."""

from datetime import UTC, date, datetime

import transaction
from ZODB import DB
from ZODB.MappingStorage import MappingStorage

from ningxia_portal.core.root import APP_ROOT_KEY
from ningxia_portal.workdays.calendar import PLAIN, calendar_of
from ningxia_portal.workdays.evolve import step019
from ningxia_portal.workdays.resources import HOLIDAY, WORKDAY, CalendarSection
from tests.conftest import new_portal

WHEN = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
MONDAY, SATURDAY = date(2027, 1, 4), date(2027, 1, 9)


def test_step_19_adds_the_section_to_an_older_database(registry):
    root = new_portal(registry)
    manage = root["manage"]
    manage.remove("calendar")  # a database from before step 19
    assert calendar_of(root) is PLAIN
    step019.evolve(root, registry)
    section = manage["calendar"]
    assert isinstance(section, CalendarSection) and len(section.overrides) == 0
    assert root.docmap.get(section.__docid__) is section  # catalogued as sections are
    step019.evolve(root, registry)  # idempotent
    assert manage["calendar"] is section


def test_overrides_reach_another_connection_at_its_next_transaction(registry):
    db = DB(MappingStorage())
    with db.transaction() as conn:
        conn.root()[APP_ROOT_KEY] = new_portal(registry)
    one, two = transaction.TransactionManager(), transaction.TransactionManager()
    a, b = db.open(transaction_manager=one), db.open(transaction_manager=two)
    try:
        root_a, root_b = a.root()[APP_ROOT_KEY], b.root()[APP_ROOT_KEY]
        before = calendar_of(root_a)
        assert before.is_working_day(MONDAY) and calendar_of(root_a) is before  # kept

        root_b["manage"]["calendar"].put(MONDAY, HOLIDAY, "调休", "admin", WHEN)
        # Changed in b's transaction: b reads it at once, uncached (it may roll back) …
        changed = calendar_of(root_b)
        assert changed.key is None and not changed.is_working_day(MONDAY)
        assert calendar_of(root_a).is_working_day(MONDAY)  # … a does not, yet
        two.commit()

        one.begin()  # a's next transaction (a request) sees the committed version
        after = calendar_of(root_a)
        assert after is not before and not after.is_working_day(MONDAY)
        assert calendar_of(root_b) is after  # one calendar per version, for everyone

        root_a["manage"]["calendar"].put(SATURDAY, WORKDAY, "补班", "admin", WHEN)
        one.abort()  # a change that rolls back leaves nothing behind
        assert not calendar_of(root_a).is_working_day(SATURDAY)
    finally:
        one.abort()
        two.abort()
        a.close()
        b.close()
        db.close()
