"""``/appointments/``: 我的预约 (an enterprise's own) or the staff's queue by day.

Both come from the catalog's ``appointment_lists`` index (indexing/lists.py), which holds
each enterprise's appointments and each department's and center's queue in display order
with their counts, exactly what its reader may see (the appointments' ACLs): a page is a
range read of 20 rows, never a tree walk. The keyword (预约人, 预约内容, 预约中心, 预约部门,
预约办件) is matched, NFKC and case-folded, within the viewer's own list.
"""

from datetime import date, timedelta
from itertools import islice

from pyramid.decorator import reify
from pyramid.view import view_config, view_defaults

from ningxia_portal.appointments import slots, workflow
from ningxia_portal.appointments.resources import MINE_LIST, QUEUE_LIST, Appointments
from ningxia_portal.appointments.views import summary
from ningxia_portal.core.clock import get_clock
from ningxia_portal.filings.views.listing import is_staff
from ningxia_portal.indexing.lists import scope_lists
from ningxia_portal.web.listing import OwnedList, param
from ningxia_portal.web.paging import PAGE_SIZE
from ningxia_portal.web.rows import RowCache

ROWS = RowCache("ningxia_portal:appointments/templates/row.jinja2")
LIST_TEMPLATE = "ningxia_portal:appointments/templates/list.jinja2"
ALL_DAYS = "all"
PENDING = "pending"


@view_defaults(context=Appointments, permission="view")
class AppointmentList(OwnedList):
    def __init__(self, context, request):
        super().__init__(context, request)
        self.index = self.catalog["appointment_lists"]
        self.staff = is_staff(request)
        self.today = get_clock(request.registry).today()
        self.filters = {"q": param(request, "q"), "state": param(request, "state")}
        if self.staff:
            self.filters["day"] = self.day_filter()
            self.filters["state"] = self.filters["state"] or PENDING

    def day_filter(self):
        """The day of the queue: asked, or today (the next working day on a day off)."""
        asked = param(self.request, "day", 20)
        if asked == ALL_DAYS:
            return ALL_DAYS
        try:
            return date.fromisoformat(asked).isoformat()
        except ValueError:
            return slots.next_working_day(self.today, self.request.work_calendar).isoformat()

    @reify
    def lists(self):
        if not self.staff:
            return [MINE_LIST + (self.request.authenticated_userid or "")]
        return scope_lists(self.index, QUEUE_LIST, self.request.effective_principals)

    def spans(self):
        if not self.staff:
            return ((None, None),), None
        day = self.filters["day"]
        pending_only = self.filters["state"] == PENDING
        if day == ALL_DAYS:
            return ((None, None),), None
        n = date.fromisoformat(day).toordinal()
        high = (n, 1) if pending_only else (n + 1,)
        return (((n,), high),), None

    def docids(self):
        spans, key = self.spans()
        ids = self.index.docids(self.lists, spans, key)
        state = self.filters["state"]
        if self.staff and self.filters["day"] == ALL_DAYS and state == PENDING:
            # every day's awaiting ones: the flag after the day in each entry's sort key
            ids = (d for d in ids if self.index.sort_key(d, self.lists)[1] == 0)
        return ids

    def results(self):
        state, q = self.filters["state"], self.filters["q"]
        get = self.root.docmap.get
        filtered = bool(q) or state in workflow.STATES
        if not filtered:
            total = self.count()
            ids = self.docids()
        else:
            ids = list(self.docids())
            if q:
                ids = self.catalog["appointment_text"].containing(ids, q)
            if state in workflow.STATES:
                states = self.catalog["state"]._rev_index
                ids = [d for d in ids if states.get(d) == state]
            total = len(ids)
        number, pages, start = self.paging(total)
        page = list(islice(ids, start, start + PAGE_SIZE))
        found = [obj for obj in map(get, page) if obj is not None]
        return found, total, number, pages

    def count(self):
        """The number of rows without a keyword or state: counters, not a walk."""
        if not self.staff:
            return sum(self.index.size(n) for n in self.lists)
        day, pending_only = self.filters["day"], self.filters["state"] == PENDING
        if day == ALL_DAYS:
            if pending_only:
                return self.index.counts(self.lists, "pending").get("1", 0)
            return sum(self.index.size(n) for n in self.lists)
        n = 0
        for name in self.lists:  # the day's entries (a day's queue is short)
            n += sum(1 for _ in self.index.docids([name], self.spans()[0]))
        return n

    def summary(self, appointment, now):
        url = self.item_url(appointment)
        return summary(self.request, appointment, url=url, now=now)

    def day_links(self):
        """The queue's neighbouring days, for staff moving through it by day."""
        if not self.staff or self.filters["day"] == ALL_DAYS:
            return None
        day = date.fromisoformat(self.filters["day"])
        return {
            "previous": (day - timedelta(days=1)).isoformat(),
            "next": (day + timedelta(days=1)).isoformat(),
        }

    @reify
    def row_page(self):
        """What every kept row of this page shares in its key (web/rows.py)."""
        return ROWS.page_key(self.request, self.staff)

    def row(self, appointment):
        """A row of the HTML list, kept per version of the appointment and of the state it
        shows ("expired" is shown, not stored: web/rows.py)."""
        shown = workflow.display_state(appointment, self.now)
        return ROWS.row(
            self.request,
            self.row_page,
            appointment,
            lambda: {"s": self.summary(appointment, self.now), "staff": self.staff},
            shown,
        )

    @view_config(accept="text/html")
    def html(self):
        found, total, number, pages = self.results()
        self.now = get_clock(self.request.registry).now()
        values = {
            "staff": self.staff,
            "rows": found,
            **self.paging_values(total, number, pages),
            "states": [(s, workflow.STATE_TITLES[s]) for s in workflow.STATES],
            "day_links": self.day_links(),
            "all_days": ALL_DAYS,
        }
        # A row shows "expired" once its slot has begun: shown from the clock, not stored.
        shown = tuple(workflow.display_state(a, self.now) for a in found)
        return self.kept_html(LIST_TEMPLATE, values, found, shown)

    @view_config(accept="application/json", renderer="json")
    def json(self):
        found, total, number, pages = self.results()
        now = get_clock(self.request.registry).now()
        return self.answer(
            self.staff, "appointments", [self.summary(a, now) for a in found], total, number, pages
        )
