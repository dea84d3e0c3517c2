"""The counters follow each move, the clock alone makes a case overdue, concurrent writers
of one day both count, and counting again from the data gives the same figures."""

from datetime import date

import transaction
from ZODB import DB
from ZODB.FileStorage import FileStorage

from ningxia_portal.core.root import Portal
from ningxia_portal.stats import queries as q
from ningxia_portal.stats.evolve import step028
from ningxia_portal.stats.rebuild import rebuild
from ningxia_portal.stats.resources import DayCounts, Stats
from tests.conftest import RootAccess, committing, create_user
from tests.unit.stats.support import (
    POOR,
    answer_rectification,
    china_day,
    rate,
    review,
    set_clock,
    submit,
)

DAY = date(2026, 3, 2)
MINE = ("user:qiye_a",)


def figures(app, scopes=MINE, today=DAY):
    with RootAccess(app) as root:
        return q.summary(root["stats"], scopes, DAY, DAY, today), q.filings_by_state(
            root["stats"], scopes, DAY, DAY
        )


def test_counts_move_with_the_case(demo_wsgi_app):
    app = demo_wsgi_app
    create_user(app, "qiye_a")
    set_clock(app, china_day(2026, 3, 2))
    case = submit(app, "qiye_a")
    summary, states = figures(app)
    assert summary["received"] == 1 and states["submitted"] == 1
    review(app, case, "return")
    summary, states = figures(app)
    assert summary["returned"] == 1 and states == {**states, "supplement_required": 1}
    assert states["submitted"] == 0
    review(app, case, "supplement", "prereview", "accept")
    summary, states = figures(app)
    assert (summary["returned"], summary["prereviewed"], summary["accepted"]) == (1, 1, 1)
    assert states["accepted"] == 1 and sum(states.values()) == 1
    review(app, case, "refuse")
    summary, states = figures(app)
    assert summary["refused"] == 1 and summary["completed"] == 0
    assert states["not_permitted"] == 1 and sum(states.values()) == 1
    assert summary["received"] == 1  # one case, counted once however often it moved


def test_overdue_when_the_clock_passes_the_promised_date(demo_wsgi_app):
    app = demo_wsgi_app
    create_user(app, "qiye_a")
    set_clock(app, china_day(2026, 3, 2))
    case = submit(app, "qiye_a")
    with RootAccess(app) as root:
        promised = root["filings"][case].deadline
    assert figures(app, today=promised)[0]["overdue"] == 0  # due today: not yet
    day_after = date.fromordinal(promised.toordinal() + 1)
    assert figures(app, today=day_after)[0]["overdue"] == 1  # nothing written meanwhile
    review(app, case, "return")  # back with the enterprise: its time limit stops
    assert figures(app, today=day_after)[0]["overdue"] == 0
    set_clock(app, china_day(day_after.year, day_after.month, day_after.day))
    review(app, case, "supplement")  # a new promised date from today
    assert figures(app, today=day_after)[0]["overdue"] == 0


def test_finished_late_stays_overdue(demo_wsgi_app):
    app = demo_wsgi_app
    create_user(app, "qiye_a")
    set_clock(app, china_day(2026, 3, 2))
    case = submit(app, "qiye_a")
    set_clock(app, china_day(2026, 4, 30))
    review(app, case, "prereview", "accept", "complete")
    summary, _ = figures(app, today=DAY)
    assert summary["overdue"] == 1 and summary["completed"] == 1
    with RootAccess(app) as root:
        (row,) = q.public_figures(root["stats"], ("640100",), date(2026, 4, 30))
        assert row["finished_month"] == 1


def test_rectification_answered_closes_it_in_the_figures(demo_wsgi_app):
    app = demo_wsgi_app
    create_user(app, "qiye_a")
    set_clock(app, china_day(2026, 3, 2))
    case = submit(app, "qiye_a")
    review(app, case, "prereview", "accept", "complete")
    rate(app, case, POOR)

    def open_tasks():
        with RootAccess(app) as root:
            (row,) = q.satisfaction(root["stats"], MINE, DAY, DAY)
            return row["open_rectifications"]

    assert open_tasks() == 1
    answer_rectification(app, case)
    assert open_tasks() == 0


def every_figure(root, today):
    stats, span = root["stats"], (date(2025, 1, 1), date(2028, 12, 31))
    found = []
    for scopes in (MINE, ("*",), ("640100",), ("640100/scjg",), ("user:enterprise",)):
        found.append(q.summary(stats, scopes, *span, today))
        found.append(q.filings_by_state(stats, scopes, *span))
        found.append(q.item_types(stats, scopes, *span))
        found.append(q.satisfaction(stats, scopes, *span))
        found.append(q.consultations_by_month(stats, scopes, 2026))
    found.append(q.public_figures(stats, ("640100", "640104"), today))
    return found


def test_rebuild_gives_the_figures_counted_as_cases_moved(demo_wsgi_app):
    app = demo_wsgi_app
    create_user(app, "qiye_a")
    set_clock(app, china_day(2026, 3, 2))
    cases = [submit(app, "qiye_a") for _ in range(3)]
    review(app, cases[0], "prereview", "accept", "complete")
    review(app, cases[1], "return", "supplement")
    rate(app, cases[0], POOR)
    with RootAccess(app) as root:
        counted = every_figure(root, DAY)
        assert counted[0]["received"] == 3
    with committing(app) as root:
        rebuild(root, batch=2)  # a savepoint every two records
    with RootAccess(app) as root:
        assert every_figure(root, DAY) == counted
    # Records the rebuild counted (no marks) still count right as they move on.
    with committing(app) as root:
        for case in cases:
            del root["filings"][case].stats_marks
        rebuild(root)
    review(app, cases[1], "prereview", "accept")
    review(app, cases[2], "reject")
    with RootAccess(app) as root:
        moved = every_figure(root, DAY)
    with committing(app) as root:
        rebuild(root)
    with RootAccess(app) as root:
        assert every_figure(root, DAY) == moved
        assert moved[0]["accepted"] == 2 and moved[0]["refused"] == 1


def test_step_28_adds_the_container_and_counts_what_is_there(demo_wsgi_app):
    app = demo_wsgi_app
    create_user(app, "qiye_a")
    set_clock(app, china_day(2026, 3, 2))
    submit(app, "qiye_a")
    with RootAccess(app) as root:
        counted = every_figure(root, DAY)
    with committing(app) as root:
        root.remove("stats", send_events=False)
        step028.evolve(root, app.registry)
        assert isinstance(root["stats"], Stats)
    with RootAccess(app) as root:
        assert every_figure(root, DAY) == counted


def test_step_28_on_an_empty_portal():
    root = Portal()
    step028.evolve(root, None)
    assert len(root["stats"].days) == 0


def test_concurrent_writers_of_one_day_both_count(tmp_path):
    """Two connections on one FileStorage (which resolves conflicts; MappingStorage can't)."""
    db = DB(FileStorage(str(tmp_path / "Data.fs")))
    first, second = transaction.TransactionManager(), transaction.TransactionManager()
    a = db.open(transaction_manager=first)
    a.root()["stats"] = stats = Stats()
    stats.bump("*", DAY.toordinal(), {"received": 1, "state:submitted": 1})
    first.commit()
    b = db.open(transaction_manager=second)
    mine, theirs = a.root()["stats"], b.root()["stats"]
    mine.bump("*", DAY.toordinal(), {"received": 1, "state:submitted": 1})
    theirs.bump("*", DAY.toordinal(), {"state:submitted": -1, "state:accepted": 1})
    first.commit()
    second.commit()  # resolved: no ConflictError
    c = db.open(transaction_manager=transaction.TransactionManager())
    counts = c.root()["stats"].days[("*", DAY.toordinal())]
    assert counts.counts == {"received": 2, "state:submitted": 1, "state:accepted": 1}
    db.close()


def test_resolution_adds_and_drops_zeros():
    resolved = DayCounts()._p_resolveConflict(
        {"counts": {"a": 1, "b": 1}}, {"counts": {"a": 2, "b": 1}}, {"counts": {"a": 1}}
    )
    assert resolved == {"counts": {"a": 2}}
