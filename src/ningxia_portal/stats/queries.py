"""The statistics' figures: brute-force counts over the stored records (provisional)."""

from datetime import date

from ningxia_portal.catalogue.resources import GROUPS, ITEM_TYPES, type_group
from ningxia_portal.core.clock import local_date
from ningxia_portal.evaluations.workflow import OVERALL, POOR, TASK_STATES
from ningxia_portal.filings import workflow

SUMMARY_KEYS = (
    "received",
    "prereviewed",
    "accepted",
    "completed",
    "refused",
    "returned",
    "overdue",
    "appointments",
    "consultations",
    "complaints",
)


def _in(record, scopes, department=True):
    keys = {"*", record.center_code, f"user:{record.owner}"}
    if department:
        keys.add(record.department_key)
    return any(s in keys for s in scopes)


def _records(stats, name, scopes, department=True):
    folder = stats.__parent__.get(name)
    return [
        r for r in (folder.values() if folder is not None else ()) if _in(r, scopes, department)
    ]


def _filings(stats, scopes, start, end):
    return [
        f
        for f in _records(stats, "filings", scopes)
        if f.submitted is not None and start <= local_date(f.submitted) <= end
    ]


def _passed(filing, transitions):
    return any(e.get("transition") in transitions for e in filing.history)


def summary(stats, scopes, start, end, today):
    filings = _filings(stats, scopes, start, end)
    out = dict.fromkeys(SUMMARY_KEYS, 0)
    for f in filings:
        out["received"] += 1
        out["prereviewed"] += _passed(f, ("prereview",))
        out["accepted"] += _passed(f, ("accept",))
        out["completed"] += f.state == "completed"
        out["refused"] += f.state in ("not_accepted", "not_permitted")
        out["returned"] += _passed(f, ("return",))
        finished = local_date(f.finished) if f.finished else None
        if f.deadline is not None and (
            (finished is not None and finished > f.deadline)
            or (finished is None and f.deadline < today)
        ):
            out["overdue"] += 1

    def asked(name, department=True):
        return sum(
            start <= local_date(r.created) <= end for r in _records(stats, name, scopes, department)
        )

    out["appointments"] = asked("appointments")
    out["consultations"] = asked("consultations")
    out["complaints"] = asked("complaints", department=False)
    return out


def item_types(stats, scopes, start, end):
    groups, types = dict.fromkeys(GROUPS, 0), dict.fromkeys(ITEM_TYPES, 0)
    for f in _filings(stats, scopes, start, end):
        t = f.snapshot.get("item_type")
        if t in types:
            types[t] += 1
            groups[type_group(t)] += 1
    return {"groups": groups, "types": types}


def filings_by_month(stats, scopes, year):
    months = [0] * 12
    for f in _filings(stats, scopes, date(year, 1, 1), date(year, 12, 31)):
        months[local_date(f.submitted).month - 1] += 1
    return months


def filings_by_state(stats, scopes, start, end):
    states = {s: 0 for s in workflow.STATES if s != workflow.DRAFT}
    for f in _filings(stats, scopes, start, end):
        states[f.state] += 1
    return states


def consultations_by_month(stats, scopes, year):
    months = [[0, 0] for _ in range(12)]
    for c in _records(stats, "consultations", scopes):
        day = local_date(c.created)
        if day.year == year:
            months[day.month - 1][0] += 1
            months[day.month - 1][1] += c.answered is not None
    return [tuple(m) for m in months]


def _ratings(stats, scopes, start, end):
    return [
        e for e in _records(stats, "evaluations", scopes) if start <= local_date(e.created) <= end
    ]


def satisfaction(stats, scopes, start, end):
    rows = {}
    for e in _ratings(stats, scopes, start, end):
        row = rows.setdefault(
            e.department_key,
            {"department": e.department_key, "count": 0, "sum": 0, "poor": 0, "open": 0},
        )
        level = e.scores[OVERALL]
        row["count"] += 1
        row["sum"] += level
        row["poor"] += level <= POOR
        row["open"] += e.state == TASK_STATES[0]
    return [
        {
            "department": key,
            "count": r["count"],
            "average": r["sum"] / r["count"],
            "poor": r["poor"],
            "poor_share": r["poor"] / r["count"],
            "open_rectifications": r["open"],
        }
        for key, r in sorted(rows.items())
    ]


def public_figures(stats, centers, today):
    year_start, month_start = date(today.year, 1, 1), today.replace(day=1)
    rows = []
    for code in centers:
        filings = _records(stats, "filings", (code,))
        received = [local_date(f.submitted) for f in filings if f.submitted is not None]
        finished = [local_date(f.finished) for f in filings if f.finished is not None]
        ratings = _ratings(stats, (code,), year_start, today)
        good = sum(e.scores[OVERALL] > POOR for e in ratings)
        rows.append(
            {
                "center": code,
                "received_month": sum(month_start <= d <= today for d in received),
                "finished_month": sum(month_start <= d <= today for d in finished),
                "received_year": sum(year_start <= d <= today for d in received),
                "finished_year": sum(year_start <= d <= today for d in finished),
                "ratings": len(ratings),
                "satisfied_share": good / len(ratings) if ratings else None,
            }
        )
    return rows
