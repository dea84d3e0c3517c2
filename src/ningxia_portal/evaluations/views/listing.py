"""``/evaluations/``: the rectification tasks and ratings of a reviewer's departments and
centers (every center's for admins) with each department's averages, or an enterprise's
own ratings.

Lists come from the catalog's ``evaluation_lists`` index (indexing/lists.py), which mirrors
each evaluation's ACL; the averages from the departments' tallies (resources.py): a page
reads its 20 rows and one tally per department, however many cases were rated.
"""

from itertools import islice

from pyramid.decorator import reify
from pyramid.view import view_config, view_defaults

from ningxia_portal.core.clock import get_clock
from ningxia_portal.evaluations.resources import (
    MINE_LIST,
    RATINGS_LIST,
    TASKS_LIST,
    Evaluations,
)
from ningxia_portal.evaluations.views import days_left, evaluation_json, status
from ningxia_portal.evaluations.workflow import (
    ANSWERED,
    DIMENSION_TITLES,
    DIMENSIONS,
    LEVEL_TITLES,
    OPEN,
)
from ningxia_portal.filings.views.listing import is_staff
from ningxia_portal.i18n import _
from ningxia_portal.indexing.lists import scope_lists
from ningxia_portal.security.permissions import ADMIN, Permissions, Roles, granted_scopes
from ningxia_portal.web.listing import OwnedList, param
from ningxia_portal.web.paging import PAGE_SIZE

RATINGS = "ratings"  # the staff's filter: every rating, newest first
SHOW_CHOICES = {
    OPEN: _("Rectification open"),
    ANSWERED: _("Rectification answered"),
    RATINGS: _("All ratings"),
}
# A task list's keys start with 0 (open) or 1 (answered).
SPANS = {OPEN: ((None, (1,)),), ANSWERED: (((1,), (2,)),)}


def task_lists(index, request):
    """The task lists a staff member reads: their departments' and centers' (all for admins)."""
    return scope_lists(index, TASKS_LIST, request.effective_principals)


def open_tasks(request):
    """Open rectification tasks in the viewer's scopes (the navigation's count): counters
    of the lists, never an evaluation."""
    index = request.root.catalog.get("evaluation_lists")
    if index is None:
        return 0
    return (index.counts(task_lists(index, request), "state") or {}).get(OPEN, 0)


def department_prefixes(principals):
    """Which departments' tallies a reviewer reads (None: every one, for admins): a granted
    center's ("640100/" …), a granted department's ("640100/scjg")."""
    if ADMIN in principals:
        return None
    scopes = granted_scopes(principals, Roles.REVIEWER)
    return [s if "/" in s else s + "/" for s in scopes]


def averages(request, container):
    """Per department of the viewer's scopes: the number of ratings, each dimension's mean
    level, the poor ratings, open tasks and the follow-ups' mean (staff only)."""
    centers = request.root["centers"]
    prefixes = department_prefixes(request.effective_principals)
    rows = []
    for key, tally in container.department_totals(prefixes):
        if prefixes is not None and not any(
            key == p or (p.endswith("/") and key.startswith(p)) for p in prefixes
        ):
            continue
        n = tally.get("n")
        if not n:
            continue
        center_code, _sep, name = key.partition("/")
        center = centers.get(center_code)
        department = center.get(name) if center is not None else None
        follow_ups = tally.get("follow_ups")
        rows.append(
            {
                "department": key,
                "title": department.title if department is not None else key,
                "center_title": center.title if center is not None else center_code,
                "count": n,
                "averages": {d: round(tally.average(d), 2) for d in DIMENSIONS},
                "levels": {str(level): tally.get(f"level:{level}") for level in LEVEL_TITLES},
                "poor": tally.get("poor"),
                "open_tasks": tally.get("tasks") - tally.get("answered"),
                "follow_ups": follow_ups,
                "follow_up_average": round(tally.get("follow_up_sum") / follow_ups, 2)
                if follow_ups
                else None,
            }
        )
    return rows


@view_defaults(context=Evaluations, permission=Permissions.VIEW)
class EvaluationList(OwnedList):
    def __init__(self, context, request):
        super().__init__(context, request)
        self.index = self.catalog["evaluation_lists"]
        self.staff = is_staff(request)
        show = param(request, "show")  # staff only: open tasks unless they chose otherwise
        self.filters = {"show": (show if show in SHOW_CHOICES else OPEN) if self.staff else ""}

    @reify
    def lists(self):
        if not self.staff:
            return [MINE_LIST + (self.request.authenticated_userid or "")]
        if self.filters["show"] == RATINGS:
            return scope_lists(self.index, RATINGS_LIST, self.request.effective_principals)
        return task_lists(self.index, self.request)

    def results(self):
        show = self.filters["show"]
        spans = SPANS.get(show, ((None, None),))
        if show in SPANS:
            total = (self.index.counts(self.lists, "state") or {}).get(show, 0)
        else:
            total = sum(self.index.size(n) for n in self.lists)
        number, pages, start = self.paging(total)
        ids = islice(self.index.docids(self.lists, spans), start, start + PAGE_SIZE)
        get = self.root.docmap.get
        found = [e for e in map(get, ids) if e is not None]
        return found, total, number, pages

    def row(self, evaluation):
        return {
            "e": evaluation,
            "url": self.item_url(evaluation),
            "status": status(self.request, evaluation),
            "days_left": days_left(self.request, evaluation),
        }

    @view_config(accept="text/html", renderer="ningxia_portal:evaluations/templates/list.jinja2")
    def html(self):
        found, total, number, pages = self.results()
        return {
            "staff": self.staff,
            "rows": [self.row(e) for e in found],
            **self.paging_values(total, number, pages),
            "show_choices": SHOW_CHOICES,
            "averages": averages(self.request, self.context) if self.staff else None,
            "dimension_titles": DIMENSION_TITLES,
            "level_titles": LEVEL_TITLES,
            "today": get_clock(self.request.registry).today(),
        }

    @view_config(accept="application/json", renderer="json")
    def json(self):
        found, total, number, pages = self.results()
        rows = [evaluation_json(self.request, e, url=self.item_url(e)) for e in found]
        data = self.answer(self.staff, "evaluations", rows, total, number, pages)
        if self.staff:
            data["averages"] = averages(self.request, self.context)
        return data
