"""``/stats/`` (统计分析): the counters every statistic reads, per scope and China day.

``Stats.days`` maps ``(scope, day ordinal)`` to a ``DayCounts``: what the records of that
scope counted on that day (``counting.py`` says what each key means). A statistic over a
range is a range read of one scope's keys per scope asked, never a read of cases.

A scope is ``"*"`` (everything), a center code, a department key (``<center>/<dept>``) or
``"user:<username>"``. The ratings (好差评) count per department under the same scopes
prefixed ``"sat:"``: those objects hold a key per department rated that day, so they stay
apart from the small ones the other statistics read.

``DayCounts`` merges concurrent changes by adding (committed + mine - old, per key), as
``BTrees.Length`` does for one number: writers of one day and scope never conflict on it.
"""

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from pyramid.authorization import ALL_PERMISSIONS, DENY_ALL, Allow, Authenticated, Everyone

from ningxia_portal.core.folder import Folder
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import ADMIN, Permissions

P = Permissions

SATISFACTION = "sat:"  # the prefix of the ratings' scopes


class Stats(Folder):
    """``/stats/``: the statistics' pages (for every logged-in user, scoped to what each
    may see), the public figures (everyone), and the day counters."""

    title = _("Statistics")
    __acl__ = [
        (Allow, ADMIN, ALL_PERMISSIONS),
        (Allow, Authenticated, P.VIEW_STATS),
        (Allow, Everyone, P.VIEW),
        DENY_ALL,
    ]

    def __init__(self):
        super().__init__()
        self.days = OOBTree()  # (scope, day ordinal) -> DayCounts

    def bump(self, scope, day, deltas):
        """Add ``deltas`` ({key: n}) to the counts of ``scope`` on ``day`` (an ordinal)."""
        counts = self.days.get((scope, day))
        if counts is None:
            counts = self.days[(scope, day)] = DayCounts()
        counts.add(deltas)

    def range(self, scope, start, end):
        """[(day ordinal, DayCounts)] of ``scope`` from ``start`` to ``end`` (ordinals,
        inclusive): one range read of the tree."""
        return [(key[1], counts) for key, counts in self.days.items((scope, start), (scope, end))]

    def clear(self):
        self.days = OOBTree()


class DayCounts(Persistent):
    """Counters (key -> int) of one scope on one day; concurrent changes merge by adding."""

    def __init__(self):
        self.counts = {}

    def add(self, deltas):
        counts = dict(self.counts)
        for key, delta in deltas.items():
            value = counts.get(key, 0) + delta
            if value:
                counts[key] = value
            else:
                counts.pop(key, None)
        self.counts = counts

    def get(self, key):
        return self.counts.get(key, 0)

    def _p_resolveConflict(self, old, committed, mine):
        """Both transactions' changes, added: committed + (mine - old) for every counter."""
        before = old.get("counts", {})
        merged = dict(committed.get("counts", {}))
        keys = set(before) | set(mine.get("counts", {}))
        for key in keys:
            delta = mine.get("counts", {}).get(key, 0) - before.get(key, 0)
            if delta:
                value = merged.get(key, 0) + delta
                if value:
                    merged[key] = value
                else:
                    merged.pop(key, None)
        return {**committed, "counts": merged}
