"""``/filings/``: an enterprise's own filings (申报查看) or a reviewer's work queue.

Both come from the catalog's ``lists`` index (indexing/lists.py): each enterprise's cases and
each department's and center's queue, kept in display order with their counts, narrowed by
the filters through the other indexes; paginated, never a tree walk.
"""

import re
from datetime import date, timedelta
from itertools import islice

from BTrees.IFBTree import IFTreeSet, intersection
from BTrees.LFBTree import multiunion
from hypatia.query import Eq, InRange, Lt
from pyramid.decorator import reify
from pyramid.view import view_config, view_defaults

from ningxia_portal.core.clock import get_clock
from ningxia_portal.filings import workflow
from ningxia_portal.filings.resources import MINE_LIST, QUEUE_LIST, Filings
from ningxia_portal.filings.views import filing_summary, rows
from ningxia_portal.i18n import _
from ningxia_portal.indexing.catalog import catalog_versions, key_range
from ningxia_portal.indexing.fields import folded
from ningxia_portal.indexing.lists import scope_lists
from ningxia_portal.indexing.query import search_chunks
from ningxia_portal.security.permissions import ADMIN, Permissions, Roles, grant
from ningxia_portal.web.listing import OwnedList, param
from ningxia_portal.web.options import options_html
from ningxia_portal.web.pagecache import LRUCache
from ningxia_portal.web.paging import PAGE_SIZE
from ningxia_portal.workdays.calendar import add_working_days

PENDING = "pending"
MINE, QUEUE = MINE_LIST, QUEUE_LIST  # the lists of the ``lists`` index
REVIEWER = grant(Roles.REVIEWER, "")  # the start of every reviewer grant's principal
CASE_NO = re.compile(r"\d[\d-]*")  # a case number or the start of one
# Up to this many filtered matches, order them by their own keys rather than walk the list.
SORT_FEW = 2000
ITEM_OPTIONS = 60  # at most this many items in the item filter
NAME_INDEXES = ("item_title", "applicant")  # what the keyword matches, besides case numbers
FEW_CANDIDATES = 5000  # up to this many, the keyword reads each candidate's names
_OPTIONS = LRUCache(5000)  # filter_options, per version of what they count
DUE_CHOICES = {
    "overdue": _("Overdue"),
    "today": _("Due today"),
    "3": _("Due within 3 working days"),
    "10": _("Due within 10 working days"),
}


def parse_day(value):
    """A ``yyyy-mm-dd`` filter value as a date; None if it is not one."""
    try:
        return date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def received_between(catalog, centers, start, end):
    """The docids of the cases of ``centers`` received from ``start`` to ``end`` (either
    None: open): case numbers begin ``<center>-<yyyymmdd>``, the day of receipt, so one
    key range of the ``case_no`` index per center."""
    index = catalog["case_no"]
    found = []
    for center in centers:
        low = f"{center}-{start:%Y%m%d}" if start else f"{center}-"
        high = f"{center}-{end + timedelta(days=1):%Y%m%d}" if end else f"{center}."
        found.append(index.between(low, high))
    return multiunion(found) if found else IFTreeSet()


def in_spans(key, spans):
    return any((low is None or key >= low) and (high is None or key < high) for low, high in spans)


def is_staff(request):
    """Reviewers (of any department or center) and admins get the work queue."""
    principals = request.effective_principals
    return ADMIN in principals or any(p.startswith(REVIEWER) for p in principals)


def by_deadline(entry):
    """Queue entries are (pending flag, deadline, docid): "all states" merges by deadline."""
    return entry[1:]


def keyword_matches(catalog, typed, found):
    """The docids of ``found`` whose case number starts with ``typed``, or whose item or
    applicant name (as filed) holds every chunk typed (``folded`` on both sides).

    Names have few distinct values (one per item, one per enterprise), so a long list is
    narrowed by the docid sets of the names that match; a short one by each candidate's own
    two names. No case stores words: a text index wrote a posting per two characters of
    every submission. ``found`` is the viewer's own list: nothing else can match.
    """
    if CASE_NO.fullmatch(typed):
        return intersection(found, catalog["case_no"].prefixed(typed))
    return name_matches(catalog, typed, found, NAME_INDEXES)


def name_matches(catalog, typed, found, index_names):
    """The docids of ``found`` whose names in ``index_names`` (as filed) hold every chunk
    typed, each chunk in any of them (see ``keyword_matches``)."""
    chunks = [folded(chunk) for chunk in search_chunks(typed)]
    if not chunks:  # something was typed but nothing in it is searchable
        return IFTreeSet()
    indexes = [catalog[name] for name in index_names]
    if len(found) <= FEW_CANDIDATES:
        names = [index._rev_index for index in indexes]

        def matches(docid):
            text = "\n".join(folded(n.get(docid, "")) for n in names)
            return all(chunk in text for chunk in chunks)

        return IFTreeSet(filter(matches, found))
    for chunk in chunks:
        named = [
            ids
            for index in indexes
            for name, ids in index._fwd_index.items()
            if chunk in folded(name)
        ]
        found = intersection(found, multiunion(named)) if named else IFTreeSet()
        if not found:
            break
    return found


@view_defaults(context=Filings, permission=Permissions.VIEW)
class FilingList(OwnedList):
    """The lists come from the catalog's ``lists`` index, which keeps each enterprise's
    cases and each department's and center's queue in display order, with their counts:
    a page reads its 20 rows and a few counters, however many cases there are. Each list
    holds exactly the cases its reader is allowed to view (the cases' ACLs grant the
    owner, the reviewers of the department and the center, and admins — drafts the owner
    alone); filters narrow a list through the other indexes.
    """

    def __init__(self, context, request):
        super().__init__(context, request)
        self.index = self.catalog["lists"]
        self.staff = is_staff(request)
        self.filters = {
            "q": param(request, "q"),
            "department": param(request, "department"),
            "item": param(request, "item", 200),
            "state": param(request, "state") or (PENDING if self.staff else ""),
            "due": param(request, "due"),
            "from": param(request, "from", 10),
            "to": param(request, "to", 10),
            "center": param(request, "center", 12),
        }

    @reify
    def viewer_lists(self):
        """The lists this viewer may read, before any filter (once per request: an admin's
        are every center's queue)."""
        if not self.staff:
            return [MINE + (self.request.authenticated_userid or "")]
        return scope_lists(self.index, QUEUE, self.request.effective_principals)

    def lists(self):
        """The viewer's lists, narrowed to one department's queue when staff filter by it."""
        lists = self.viewer_lists
        department = self.filters["department"]
        if not (self.staff and department):
            return lists
        center = department.partition("/")[0]
        covered = any(n in (QUEUE + department, QUEUE + center) for n in lists)
        return [QUEUE + department] if covered else []

    def spans(self):
        """Which part of the lists' order to read: staff see cases awaiting review first."""
        if self.staff and self.filters["state"] == PENDING:
            return ((None, (1,)),), None
        if self.staff:
            return ((None, (1,)), ((1,), None)), by_deadline
        return ((None, None),), None

    def narrowing(self, within):
        """What of ``within`` (the lists' docids) the filters allow, from the indexes they
        name; None when no filter is set."""
        f, catalog = self.filters, self.catalog
        query = None

        def also(q):
            nonlocal query
            query = q if query is None else query & q

        if f["state"] in workflow.STATES:
            also(Eq(catalog["state"], f["state"]))
        if f["department"] and not self.staff:  # its items' cases ("<dept>/<item>")
            low, high = key_range(f["department"] + "/")
            also(InRange(catalog["case_item"], low, high, end_exclusive=True))
        if f["item"]:
            also(Eq(catalog["item_title"], f["item"]))
        if self.staff and f["due"] in DUE_CHOICES:
            also(self.due_query(f["due"]))
        dated = self.received()
        if query is None and not f["q"] and dated is None:
            return None
        found = within() if query is None else intersection(within(), query.execute().ids)
        if dated is not None:
            found = intersection(found, dated)
        if f["q"] and found:
            found = keyword_matches(catalog, f["q"], found)
        return found

    def received(self):
        """The cases received in the ``from``–``to`` range (and of ``center``), through
        the ``case_no`` index, one key range per center the viewer's lists reach; None
        when neither is given."""
        f = self.filters
        start, end = parse_day(f["from"]), parse_day(f["to"])
        center = f["center"] if f["center"] in self.root["centers"] else ""
        if start is None and end is None and not center:
            return None
        centers = [center] if center else self.centers_in_scope()
        return received_between(self.catalog, centers, start, end)

    def centers_in_scope(self):
        """The centers whose cases the viewer's lists may hold: their grants' centers for
        staff (every center for admins), every center for an enterprise."""
        if not self.staff or ADMIN in self.request.effective_principals:
            return list(self.root["centers"].keys())
        prefix = len(QUEUE)
        return sorted({n[prefix:].partition("/")[0] for n in self.viewer_lists})

    def due_query(self, due):
        """As the rows count: overdue the day after the promised date (a weekend too), due
        today on the date itself, due soon from today to ``due`` working days ahead."""
        today = get_clock(self.request.registry).today()
        index = self.catalog["deadline"]
        if due == "overdue":
            return Lt(index, today)
        if due == "today":
            return Eq(index, today)
        until = add_working_days(today, int(due), self.request.work_calendar)
        return InRange(index, today, until)

    def count(self, lists):
        if self.staff and self.filters["state"] == PENDING:
            return self.index.counts(lists, "pending").get("1", 0)
        return sum(self.index.size(n) for n in lists)

    def results(self):
        lists = self.lists()
        wanted = self.narrowing(lambda: self.index.members(lists))
        spans, key = self.spans()
        total = self.count(lists) if wanted is None else len(wanted)
        number, pages, start = self.paging(total)
        if wanted is not None and len(wanted) <= SORT_FEW:
            ids = self.sort_few(wanted, lists, spans, key)
        else:
            ids = self.walk(lists, spans, key, wanted)
        ids = list(islice(ids, start, start + PAGE_SIZE))
        get = self.root.docmap.get
        filings = [obj for obj in map(get, ids) if obj is not None]
        return filings, total, number, pages

    def walk(self, lists, spans, key, wanted):
        """The lists in order, keeping what the filters allow."""
        ids = self.index.docids(lists, spans, key)
        return ids if wanted is None else (d for d in ids if d in wanted)

    def sort_few(self, wanted, lists, spans, key):
        """A few matches of a long list: order them by their own sort keys."""
        keyed = [self.index.sort_key(d, lists) for d in wanted]
        keyed = [k for k in keyed if k is not None and in_spans(k, spans)]
        keyed.sort(key=key)
        return (k[-1] for k in keyed)

    def summary(self, filing):
        """A row: the case's URL from the container's, computed once per page."""
        return filing_summary(self.request, filing, url=self.item_url(filing))

    @reify
    def row_page(self):
        """What every kept row of this page shares in its key (web/rows.py)."""
        return rows.page_key(self.request, self.staff)

    def row(self, filing):
        """A row of the HTML list, kept per version of the case (views/rows.py)."""
        return rows.row(self.request, self.row_page, filing, self.staff, self.summary)

    def filter_options(self):
        """The department and item <option>s, kept per version of the viewer's lists and of
        the departments' titles (a heavy enterprise files with 150+ departments)."""
        lists = self.viewer_lists
        versions = catalog_versions(self.root, ("Center", "Department"))
        key = None
        if versions is not None:
            key = (
                versions,
                tuple(lists),
                self.index.version(lists),
                self.filters["department"],
                self.filters["item"],
            )
        return _OPTIONS.get_or_compute(key, self.build_options)

    def build_options(self):
        departments, items = self.facets()
        return (
            options_html(
                ((dept, f"{title}（{n}）") for dept, title, n in departments),
                self.filters["department"],
            ),
            options_html(((t, f"{t}（{n}）") for t, n in items), self.filters["item"])
            if items
            else None,
        )

    def facets(self):
        """Departments and item names of the cases the viewer may see, for the filters:
        counters the ``lists`` index keeps, so they cost the same at any size. Staff don't
        get the item filter, nor does an enterprise with cases for more than ITEM_OPTIONS
        items (a select that long helps nobody: the keyword finds an item by name)."""
        lists = self.viewer_lists
        centers = self.root["centers"]
        departments = []
        for key, n in sorted(self.index.counts(lists, "department").items()):
            center_code, _sep, dept = key.partition("/")
            center = centers.get(center_code)
            department = center.get(dept) if center is not None else None
            departments.append((key, department.title if department is not None else key, n))
        items = None if self.staff else self.index.counts(lists, "item", limit=ITEM_OPTIONS)
        return departments, sorted(items.items()) if items else []

    @view_config(accept="text/html", renderer="ningxia_portal:filings/templates/list.jinja2")
    def html(self):
        filings, total, number, pages = self.results()
        department_options, item_options = self.filter_options()
        return {
            "staff": self.staff,
            "filings": filings,
            **self.paging_values(total, number, pages),
            "department_options": department_options,
            "item_options": item_options,
            "states": [(s, workflow.STATE_TITLES[s]) for s in workflow.STATES],
            "due_choices": DUE_CHOICES,
            "row": self.row,
        }

    @view_config(accept="application/json", renderer="json")
    def json(self):
        filings, total, number, pages = self.results()
        return self.answer(
            self.staff, "filings", [self.summary(f) for f in filings], total, number, pages
        )
