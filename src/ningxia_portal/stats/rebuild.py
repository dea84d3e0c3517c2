"""Count everything again from the stored records: the counters of a database made before
statistics (evolve step 28), or after data was written without the app's events.

Read every record of the counted containers, sum its contribution in memory per scope and
day, and every ``BATCH`` records add the sums to the day counters and take a savepoint: the
connection's cache lets the records go, so a million cases run in bounded memory. Records
are read, not written (only one whose marks disagree with what it counts gets them right):
a record without marks is counted as its state says (``counting.recount``).
"""

from ningxia_portal.core.database import let_go
from ningxia_portal.stats.counting import MARKS, kind_of

BATCH = 10_000
CONTAINERS = ("filings", "consultations", "appointments", "complaints", "evaluations")


def rebuild(root, registry=None, batch=BATCH):
    """Clear the counters of ``root["stats"]`` and count every record again; returns how
    many records were read (0 without a Stats container)."""
    stats = root.get("stats")
    if stats is None:
        return 0
    stats.clear()
    jar = getattr(root, "_p_jar", None)
    sums, read = {}, 0
    for name in CONTAINERS:
        folder = root.get(name)
        if folder is None:
            continue
        for obj in folder.values():
            count(obj, sums)
            read += 1
            if read % batch == 0:
                flush(stats, sums)
                let_go(jar)
    flush(stats, sums)
    return read


def count(obj, sums):
    """Add what ``obj`` counts to ``sums`` ({(scope, day): {key: n}})."""
    kind = kind_of(obj)
    if kind is None:
        return
    counts, scopes = kind
    found = counts(obj)
    marks = getattr(obj, MARKS, None)
    if marks is not None and marks != found:
        setattr(obj, MARKS, found)
    for (day, key), n in found.items():
        for scope in scopes(obj):
            day_sums = sums.setdefault((scope, day), {})
            day_sums[key] = day_sums.get(key, 0) + n


def flush(stats, sums):
    for (scope, day), deltas in sums.items():
        stats.bump(scope, day, deltas)
    sums.clear()


def load_demo_stats(root, registry):
    """The demo loaders write their records' moves without events: count them once all
    are there."""
    rebuild(root, registry)
