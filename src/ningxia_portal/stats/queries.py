"""The statistics, read from the day counters (``resources.Stats``): what the pages call.

Every function takes the ``Stats`` container and a tuple of scopes (``"*"``, center codes,
department keys, ``"user:<name>"``), sums them, and returns plain data with zeros where
nothing was counted. Dates are China dates (``datetime.date``), ranges inclusive. The
caller never passes a department together with its own center (that would count twice).
Each is a range read of the tree per scope: a year is 365 small objects per scope.
"""

from bisect import bisect_left
from datetime import date
from itertools import accumulate

from ningxia_portal.catalogue.resources import GROUPS, ITEM_TYPES, type_group
from ningxia_portal.filings.workflow import DRAFT, STATES
from ningxia_portal.stats.resources import SATISFACTION
from ningxia_portal.web.pagecache import LRUCache

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
FILING_STATES = tuple(s for s in STATES if s != DRAFT)
PUBLIC_KEYS = ("received", "finished")  # 办件公示: one kept vector per day counter


# What each stored state of a day's counters sums to, per tuple of keys asked: a day long
# past rarely changes, so a year's figures add 365 kept tuples instead of reading 365
# dicts key by key. Keyed by the object's oid and serial (its stored state): a changed
# day is a new serial, read afresh.
_KEPT = LRUCache(200_000)


def _days(stats, scopes, start, end):
    """[(day ordinal, DayCounts)] of every scope asked, from ``start`` to ``end``."""
    if stats is None or start > end:
        return []
    low, high = start.toordinal(), end.toordinal()
    return [(day, c) for scope in scopes for day, c in stats.range(scope, low, high)]


def _state_key(counts, what):
    """The key a day's derived figures are kept under, or None for a state not stored yet
    (changed in this transaction, or never committed)."""
    counts._p_activate()
    oid, serial = counts._p_oid, counts._p_serial
    if oid is None or counts._p_changed or serial == b"\0" * 8:
        return None
    return (oid, serial, what)


def _vector(counts, keys):
    """(counts of ``keys``) of one day, kept per stored state."""
    key = _state_key(counts, keys)
    found = _KEPT.get(key) if key is not None else None
    if found is None:
        get = counts.counts.get
        found = tuple(get(k, 0) for k in keys)
        if key is not None:
            _KEPT.put(key, found)
    return found


def _due(counts):
    """(promised-date ordinals ascending, their pending counts accumulated) of one day."""
    key = _state_key(counts, "due")
    found = _KEPT.get(key) if key is not None else None
    if found is None:
        pairs = sorted((k, n) for k, n in counts.counts.items() if type(k) is int)
        found = ([k for k, _n in pairs], list(accumulate(n for _k, n in pairs)))
        if key is not None:
            _KEPT.put(key, found)
    return found


def _sum(days, keys):
    keys = tuple(keys)
    totals = [0] * len(keys)
    for _, counts in days:
        for i, n in enumerate(_vector(counts, keys)):
            totals[i] += n
    return dict(zip(keys, totals, strict=True))


def summary(stats, scopes, start, end, today):
    """Filings received from ``start`` to ``end`` and what became of them (a cohort), and
    the appointments, consultations and complaints of those days. ``overdue``: finished
    after the promised date, or pending with the promised date before ``today``."""
    days = _days(stats, scopes, start, end)
    found = _sum(days, SUMMARY_KEYS)
    due = today.toordinal()
    for _, counts in days:
        dates, running = _due(counts)
        before = bisect_left(dates, due)  # promised dates before today
        if before:
            found["overdue"] += running[before - 1]
    return found


def complaints(stats, scopes, start, end):
    """Complaints made from ``start`` to ``end`` in ``scopes``."""
    return _sum(_days(stats, scopes, start, end), ("complaints",))["complaints"]


def item_types(stats, scopes, start, end):
    """Filings received in the range by item type and by approval type group."""
    days = _days(stats, scopes, start, end)
    counted = _sum(days, ["type:" + t for t in ITEM_TYPES])
    types = {t: counted["type:" + t] for t in ITEM_TYPES}
    groups = dict.fromkeys(GROUPS, 0)
    for item_type, n in types.items():
        groups[type_group(item_type)] += n
    return {"groups": groups, "types": types}


def filings_by_month(stats, scopes, year):
    """Filings received in each month of ``year`` (12 numbers)."""
    months = [0] * 12
    for day, counts in _days(stats, scopes, date(year, 1, 1), date(year, 12, 31)):
        months[date.fromordinal(day).month - 1] += _vector(counts, ("received",))[0]
    return months


def filings_by_state(stats, scopes, start, end):
    """Filings received in the range by their current state (every state but a draft)."""
    days = _days(stats, scopes, start, end)
    found = _sum(days, ["state:" + s for s in FILING_STATES])
    return {s: found["state:" + s] for s in FILING_STATES}


def consultations_by_month(stats, scopes, year):
    """(asked, replied now) of the consultations asked in each month of ``year``."""
    asked, replied = [0] * 12, [0] * 12
    for day, counts in _days(stats, scopes, date(year, 1, 1), date(year, 12, 31)):
        month = date.fromordinal(day).month - 1
        n_asked, n_replied = _vector(counts, ("consultations", "replied"))
        asked[month] += n_asked
        replied[month] += n_replied
    return list(zip(asked, replied, strict=True))


def _ratio(part, whole):
    return part / whole if whole else None


def satisfaction(stats, scopes, start, end):
    """One row per department rated in the range, by department key: ratings, the average
    整体满意度, poor ratings (不满意 or worse) and their share, rectifications open now."""
    rows = {}
    sat_scopes = tuple(SATISFACTION + scope for scope in scopes)
    for _, day in _days(stats, sat_scopes, start, end):
        for key, n in day.counts.items():
            if type(key) is tuple:
                name, department = key
                row = rows.setdefault(department, {"n": 0, "sum": 0, "poor": 0, "open": 0})
                row[name] += n
    found = []
    for department, row in sorted(rows.items()):
        if row["n"] <= 0:
            continue
        found.append(
            {
                "department": department,
                "count": row["n"],
                "average": _ratio(row["sum"], row["n"]),
                "poor": row["poor"],
                "poor_share": _ratio(row["poor"], row["n"]),
                "open_rectifications": row["open"],
            }
        )
    return found


def public_figures(stats, centers, today):
    """Per center code: cases received and finished (办结) this month and this year, the
    ratings of this year and the share of them above 不满意."""
    month_start, year_start = today.replace(day=1), today.replace(month=1, day=1)
    first = month_start.toordinal()
    jar = getattr(stats, "_p_jar", None)
    found = []
    for center in centers:
        year = _days(stats, (center,), year_start, today)
        month = [(day, counts) for day, counts in year if day >= first]
        in_year, in_month = _sum(year, PUBLIC_KEYS), _sum(month, PUBLIC_KEYS)
        rated = _sum(_days(stats, (SATISFACTION + center,), year_start, today), ("n", "good"))
        found.append(
            {
                "center": center,
                "received_month": in_month["received"],
                "finished_month": in_month["finished"],
                "received_year": in_year["received"],
                "finished_year": in_year["finished"],
                "ratings": rated["n"],
                "satisfied_share": _ratio(rated["good"], rated["n"]),
            }
        )
        if jar is not None:
            # The centers' years together are some 20,000 day counters: the connection's
            # cache keeps to its size while they are counted, not holding them all to the end.
            jar.cacheGC()
    return found
