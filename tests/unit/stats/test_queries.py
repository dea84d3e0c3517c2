"""Every query against the same figures counted the slow way, over records made through the
domains' services at chosen times (China dates, month and year ends, a leap day)."""

from datetime import date, datetime, timedelta

import pytest
import transaction
from ZODB import DB

from ningxia_portal.core.clock import UTC
from ningxia_portal.stats import queries as q
from ningxia_portal.stats.resources import Stats
from tests.conftest import RootAccess, create_user
from tests.unit.stats.support import (
    GOOD,
    POOR,
    answer,
    answer_rectification,
    ask,
    book,
    brute_finished,
    brute_months,
    brute_states,
    brute_summary,
    china_day,
    complain,
    rate,
    review,
    set_clock,
    submit,
)

SCOPES = (
    ("*",),
    ("640100",),
    ("640100/scjg",),
    ("user:qiye_a",),
    ("user:qiye_b",),
    ("640104", "640100/scjg"),
)


@pytest.fixture
def data(demo_wsgi_app):
    """Cases, appointments, consultations, complaints and ratings over 2026–2028."""
    app = demo_wsgi_app
    create_user(app, "qiye_a", title="宁夏甲公司")
    create_user(app, "qiye_b", title="宁夏乙公司")
    cases = {}

    def at(when, owner="qiye_a"):
        set_clock(app, when)
        return submit(app, owner)

    # 2026-03-31T16:30Z is April 1st in China.
    cases["april_first"] = at(datetime(2026, 3, 31, 16, 30, tzinfo=UTC))
    cases["march_last"] = at(datetime(2026, 3, 31, 15, 59, tzinfo=UTC), "qiye_b")
    review(app, cases["march_last"], "prereview", "accept", "complete")
    cases["returned"] = at(china_day(2026, 4, 30, 23))
    review(app, cases["returned"], "return")
    cases["resubmitted"] = at(china_day(2026, 5, 1, 0))
    review(app, cases["resubmitted"], "return", "supplement", "prereview", "accept")
    cases["rejected"] = at(china_day(2026, 12, 31, 23), "qiye_b")
    review(app, cases["rejected"], "reject")
    cases["new_year"] = at(china_day(2027, 1, 1, 0))
    review(app, cases["new_year"], "prereview", "accept", "refuse")
    cases["leap"] = at(china_day(2028, 2, 29, 12))
    set_clock(app, china_day(2028, 3, 20))  # long after its promised date
    review(app, cases["leap"], "prereview", "accept", "complete")
    set_clock(app, china_day(2026, 4, 1, 9))
    for owner in ("qiye_a", "qiye_b"):
        book(app, owner, date(2026, 4, 8))
    asked = ask(app, "qiye_a")
    ask(app, "qiye_b")
    answer(app, asked)
    complain(app, "qiye_a")
    set_clock(app, china_day(2028, 3, 21))
    rate(app, cases["march_last"], POOR)
    rate(app, cases["leap"], GOOD)
    rate(app, cases["new_year"], POOR)
    answer_rectification(app, cases["new_year"])
    return app, cases


RANGES = (
    (date(2026, 4, 1), date(2026, 4, 1)),  # one day
    (date(2026, 3, 31), date(2026, 3, 31)),
    (date(2026, 4, 30), date(2026, 5, 1)),  # across a month end
    (date(2026, 12, 31), date(2027, 1, 1)),  # across a year
    (date(2028, 2, 29), date(2028, 2, 29)),  # a leap day
    (date(2025, 1, 1), date(2028, 12, 31)),
    (date(2026, 5, 2), date(2026, 12, 30)),  # nothing there
)


def test_summary_states_and_months_match_a_count_of_the_records(data):
    app, _ = data
    today = date(2028, 3, 21)
    with RootAccess(app) as root:
        stats = root["stats"]
        for scopes in SCOPES:
            for start, end in RANGES:
                expected = brute_summary(root, scopes, start, end, today)
                assert q.summary(stats, scopes, start, end, today) == expected, (scopes, start)
                states = q.filings_by_state(stats, scopes, start, end)
                assert "draft" not in states
                assert {k: v for k, v in states.items() if v} == brute_states(
                    root, scopes, start, end
                )
            for year in (2026, 2027, 2028):
                assert q.filings_by_month(stats, scopes, year) == brute_months(root, scopes, year)


def test_receipt_day_is_the_china_date(data):
    app, _ = data
    with RootAccess(app) as root:
        stats = root["stats"]
        mine = ("user:qiye_a",)
        april = q.summary(stats, mine, date(2026, 4, 1), date(2026, 4, 1), date(2026, 4, 1))
        march = q.summary(stats, mine, date(2026, 3, 31), date(2026, 3, 31), date(2026, 4, 1))
        assert april["received"] == 1 and march["received"] == 0
        other = ("user:qiye_b",)
        assert (
            q.summary(stats, other, date(2026, 3, 31), date(2026, 3, 31), date(2026, 4, 1))[
                "completed"
            ]
            == 1
        )
        leap = q.summary(stats, mine, date(2028, 2, 29), date(2028, 2, 29), date(2028, 3, 21))
        assert leap["received"] == leap["completed"] == leap["overdue"] == 1
        assert q.filings_by_month(stats, mine, 2028)[1] == 1


def test_item_types_and_groups(data):
    app, _ = data
    with RootAccess(app) as root:
        stats = root["stats"]
        found = q.item_types(stats, ("user:qiye_a",), date(2026, 1, 1), date(2028, 12, 31))
        assert found["types"]["行政许可"] == 5
        assert sum(found["types"].values()) == 5
        assert found["groups"] == {"approval": 5, "other": 0, "public": 0}


def test_consultations_by_month_asked_and_replied(data):
    app, _ = data
    with RootAccess(app) as root:
        months = q.consultations_by_month(root["stats"], ("user:qiye_a", "user:qiye_b"), 2026)
        assert months[3] == (2, 1)
        assert sum(a for a, _ in months) == 2


def test_satisfaction_by_department(data):
    app, _ = data
    with RootAccess(app) as root:
        rows = q.satisfaction(
            root["stats"], ("user:qiye_a", "user:qiye_b"), date(2028, 3, 1), date(2028, 3, 31)
        )
        assert rows == [
            {
                "department": "640100/scjg",
                "count": 3,
                "average": 3.0,
                "poor": 2,
                "poor_share": 2 / 3,
                "open_rectifications": 1,
            }
        ]
        assert q.satisfaction(root["stats"], ("*",), date(2027, 1, 1), date(2027, 1, 2)) == []


def test_public_figures(data):
    app, _ = data
    today = date(2028, 3, 21)
    with RootAccess(app) as root:
        (row, empty) = q.public_figures(root["stats"], ("640100", "640000"), today)
        assert row["received_year"] == brute_months(root, ("640100",), 2028)[0] + 1
        assert row["finished_month"] == brute_finished(root, "640100", date(2028, 3, 1), today)
        assert row["finished_year"] == brute_finished(root, "640100", date(2028, 1, 1), today)
        assert row["ratings"] == 3 and row["satisfied_share"] == 1 / 3
        assert empty == {
            "center": "640000",
            "received_month": 0,
            "finished_month": 0,
            "received_year": 0,
            "finished_year": 0,
            "ratings": 0,
            "satisfied_share": None,
        }


def test_complaints_never_count_in_the_department(data):
    app, _ = data
    with RootAccess(app) as root:
        stats, span = root["stats"], (date(2026, 4, 1), date(2026, 4, 1))
        assert q.summary(stats, ("640100/scjg",), *span, span[0])["complaints"] == 0
        assert q.summary(stats, ("640100",), *span, span[0])["complaints"] == 1
        assert q.summary(stats, ("user:qiye_a",), *span, span[0])["complaints"] == 1


def test_empty_scope_gives_zeros(data):
    app, _ = data
    with RootAccess(app) as root:
        stats = root["stats"]
        span = (date(2026, 1, 1), date(2026, 12, 31))
        assert set(q.summary(stats, ("user:nobody",), *span, span[1]).values()) == {0}
        assert q.filings_by_month(stats, ("user:nobody",), 2026) == [0] * 12
        assert q.consultations_by_month(stats, (), 2026) == [(0, 0)] * 12
        assert q.summary(stats, ("*",), span[1], span[0], span[1])["received"] == 0
        assert q.summary(None, ("*",), *span, span[1])["received"] == 0


def test_a_later_day_is_empty(data):
    app, _ = data
    with RootAccess(app) as root:
        later = date(2030, 1, 1)
        later_end = later + timedelta(days=30)
        assert q.filings_by_state(root["stats"], ("*",), later, later_end) == dict.fromkeys(
            q.FILING_STATES, 0
        )


def test_public_figures_keep_the_connection_within_its_cache_size():
    """A year of every center is thousands of day counters: counting them leaves the
    connection's cache at its size, not holding every one of them."""
    db = DB(None, cache_size=100)
    conn = db.open()
    stats = conn.root()["stats"] = Stats()
    today, first = date(2026, 12, 1), date(2026, 1, 1).toordinal()
    centers = ("640100", "640200", "640300", "640400")
    for center in centers:
        for day in range(first, today.toordinal() + 1):
            stats.bump(center, day, {"received": 2, "finished": 1})
    transaction.commit()
    conn.close()

    conn = db.open()
    try:
        rows = q.public_figures(conn.root()["stats"], centers, today)
        days = today.toordinal() - first + 1
        assert [(r["received_year"], r["finished_year"]) for r in rows] == [(2 * days, days)] * 4
        assert [r["received_month"] for r in rows] == [2] * 4
        assert conn._cache.cache_non_ghost_count < days  # one center's year, not four
    finally:
        conn.close()
        db.close()
