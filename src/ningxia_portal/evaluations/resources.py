"""Evaluations (好差评): ``/evaluations/<case_no>``, one per rated case, and their tallies.

An evaluation keeps what the enterprise rated (five dimensions, five levels each, an optional
comment), of which case (its number, department, center, item and enterprise as they stood),
and the rectification task a poor rating opened: its deadline, the department's answer in
the history, the enterprise's follow-up rating.

It is named by its case number: a case is rated once because two ratings of one case would
be two inserts of one key into the container's BTree, which conflict (the second request is
replayed by pyramid_retry and finds the case rated).

``Tally``: the sums and counts of the ratings of one department (``totals``) and of one
department in one month of China's calendar (``monthly``, what statistics read). A tally's
counters are one object whose concurrent changes merge by adding, as ``BTrees.Length`` does
for one number: ratings of one department never conflict on it.
"""

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from pyramid.authorization import ALL_PERMISSIONS, DENY_ALL, Allow, Authenticated

from ningxia_portal.core.clock import local_date
from ningxia_portal.core.folder import Folder
from ningxia_portal.core.trees import SmallNodeOOBTree
from ningxia_portal.evaluations.workflow import (
    DIMENSIONS,
    OPEN,
    OVERALL,
    TASK_STATES,
    evaluation_workflow,
    is_poor,
)
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import ADMIN, Permissions

P = Permissions

# List names of the catalog's ``evaluation_lists`` index (Evaluation.evaluation_lists).
MINE_LIST = "evaluation-mine:"  # an enterprise's ratings, newest first
RATINGS_LIST = "evaluation-ratings:"  # a department's or center's ratings, newest first
TASKS_LIST = "evaluation-tasks:"  # its rectification tasks: open first, by deadline


class Evaluations(Folder):
    """``/evaluations/``: every evaluation, named by its case number; the tallies."""

    title = _("Evaluations")
    __acl__ = [
        (Allow, ADMIN, ALL_PERMISSIONS),
        (Allow, Authenticated, P.VIEW),  # the list itself; each evaluation says who sees it
        DENY_ALL,
    ]

    def __init__(self):
        super().__init__()
        self.data = SmallNodeOOBTree()
        self.totals = OOBTree()  # department key -> Tally
        self.monthly = OOBTree()  # (department key, "YYYY-MM") -> Tally

    def tallies(self, department_key, month):
        """The department's tallies to count a change in: its total and the month's
        (created on first use: two first ratings of one month conflict once, then never)."""
        found = []
        for tree, key in ((self.totals, department_key), (self.monthly, (department_key, month))):
            tally = tree.get(key)
            if tally is None:
                tally = tree[key] = Tally()
            found.append(tally)
        return found

    def count(self, department_key, when, deltas):
        """Add ``deltas`` to the department's total and to the month of ``when``."""
        month = f"{local_date(when):%Y-%m}"
        for tally in self.tallies(department_key, month):
            tally.add(deltas)

    def department_totals(self, prefixes=None):
        """[(department key, Tally)] of every department (``prefixes`` None), or of those
        whose key starts with one of ``prefixes`` ("640100/" for a center, "640100/scjg"
        for a department): a range read per prefix."""
        if prefixes is None:
            return list(self.totals.items())
        found = {}
        for prefix in prefixes:
            found.update(self.totals.items(prefix, prefix + "\uffff"))
        return sorted(found.items())


class Tally(Persistent):
    """Counters (name -> int) whose concurrent changes merge by adding."""

    def __init__(self):
        self.counts = {}

    def add(self, deltas):
        counts = dict(self.counts)
        for name, delta in deltas.items():
            counts[name] = counts.get(name, 0) + delta
        self.counts = counts

    def get(self, name):
        return self.counts.get(name, 0)

    def average(self, dimension):
        """The mean level of ``dimension`` (None before any rating)."""
        n = self.get("n")
        return self.get("sum:" + dimension) / n if n else None

    def _p_resolveConflict(self, old, committed, mine):
        """Both transactions' changes, added: committed + (mine - old) for every counter."""
        before = old.get("counts", {})
        theirs = dict(committed.get("counts", {}))
        for name, value in mine.get("counts", {}).items():
            theirs[name] = theirs.get(name, 0) + value - before.get(name, 0)
        return {**committed, "counts": theirs}


def rating_deltas(scores):
    """What one rating adds to its department's tallies."""
    deltas = {"n": 1, f"level:{scores[OVERALL]}": 1}
    for dimension in DIMENSIONS:
        deltas["sum:" + dimension] = scores[dimension]
    if is_poor(scores[OVERALL]):
        deltas["poor"] = 1
        deltas["tasks"] = 1
    return deltas


class Evaluation(Persistent):
    """One case's rating by its enterprise, and the rectification task it may have opened."""

    __name__ = None
    __parent__ = None
    # Only its lists (which mirror its ACL): site search never sees an evaluation.
    catalog_indexes = ("content_type", "evaluation_lists")

    def __init__(self, filing, scores, comment, created):
        self.case_no = filing.case_no
        self.owner = filing.owner
        self.enterprise = filing.applicant_title
        self.center_code = filing.center_code
        self.department_key = filing.department_key
        self.department_title = filing.snapshot["department_title"]
        self.item_title = filing.item_title
        self.case_state = filing.state  # the case's final state when it was rated
        self.scores = dict(scores)  # dimension -> level (5 … 1)
        self.comment = comment
        self.created = created
        self.modified = created
        self.revision = 0
        self.deadline = None  # the task's: a date, 5 working days after the rating
        self.deadline_provisional = False
        self.follow_up = None  # {"level", "comment", "time"} once the enterprise follows up
        state = OPEN if is_poor(self.scores[OVERALL]) else None
        evaluation_workflow.initialize(self, state)  # rated, or open; empty history

    @property
    def title(self):
        return self.case_no

    @property
    def overall(self):
        return self.scores[OVERALL]

    @property
    def has_task(self):
        return self.state in TASK_STATES

    @property
    def reviewer_scopes(self):
        """The case's department and center: their reviewers answer the task."""
        return (self.department_key, self.center_code)

    def answer_entry(self):
        """The department's answer (整改情况): the history record of ``answer``, or None."""
        for entry in reversed(self.history):
            if entry.get("transition") == "answer":
                return entry
        return None

    def is_overdue(self, today):
        """An open task past its deadline (the day after it, weekends included)."""
        return self.state == OPEN and self.deadline is not None and today > self.deadline

    def evaluation_lists(self):
        """The lists of the ``evaluation_lists`` index this evaluation is on.

        ``evaluation-mine:<owner>``: the enterprise's ratings, newest first.
        ``evaluation-ratings:<scope>`` and, with a task, ``evaluation-tasks:<scope>``, for
        the case's department and center (mirroring the ACL): ratings newest first; tasks
        open first, then by deadline. Facets: the state (the task's count and filter) and
        the overall level.
        """
        created = self.created.timestamp()
        facets = {"state": self.state, "level": str(self.overall)}
        lists = {MINE_LIST + self.owner: ((-created,), facets)}
        for scope in self.reviewer_scopes:
            lists[RATINGS_LIST + scope] = ((-created,), facets)
            if self.has_task:
                deadline = self.deadline.toordinal() if self.deadline is not None else 0
                rank = 0 if self.state == OPEN else 1
                lists[TASKS_LIST + scope] = ((rank, deadline, created), facets)
        return lists

    # Computed from the state on every read (evaluations/workflow.py), never stored.
    __acl__ = property(evaluation_workflow.acl)
