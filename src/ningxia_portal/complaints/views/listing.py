"""``/complaints/``: an enterprise's own complaints (我的投诉) or the handlers' queue.

Both come from the catalog's ``complaint_lists`` index (indexing/lists.py): each
enterprise's complaints, newest first, and each center's queue (received first, then being
handled, replied, closed), with their counts; each list holds exactly what its reader may
see. A page reads its rows; the keyword reads the viewer's own list only.
"""

from itertools import islice

from pyramid.decorator import reify
from pyramid.view import view_config, view_defaults

from ningxia_portal.complaints.resources import MINE_LIST, QUEUE_LIST, QUEUE_RANK, Complaints
from ningxia_portal.complaints.views import complaint_summary, is_handler
from ningxia_portal.complaints.workflow import STATE_TITLES, STATES
from ningxia_portal.indexing.lists import scope_lists
from ningxia_portal.security.permissions import Permissions, Roles
from ningxia_portal.web.listing import OwnedList
from ningxia_portal.web.paging import PAGE_SIZE
from ningxia_portal.web.rows import RowCache

LIST_TEMPLATE = "ningxia_portal:complaints/templates/list.jinja2"
ROWS = RowCache("ningxia_portal:complaints/templates/row.jinja2")
OPEN = "open"  # the queue's filter: received and being handled


def viewer_lists(index, request, handler):
    """The lists this viewer reads: their own; a handler's centers' queues; every queue
    for admins."""
    principals = request.effective_principals
    if not handler:
        return [MINE_LIST + (request.authenticated_userid or "")]
    return scope_lists(index, QUEUE_LIST, principals, Roles.COMPLAINT_HANDLER)


def waiting_count(request):
    """Complaints received or being handled in the viewer's centers (the header's badge):
    a counter per list, never an object."""
    index = request.root.catalog.get("complaint_lists")
    if index is None:
        return 0
    lists = viewer_lists(index, request, True)
    return (index.counts(lists, "open") or {}).get("1", 0)


@view_defaults(context=Complaints, permission=Permissions.VIEW)
class ComplaintList(OwnedList):
    def __init__(self, context, request):
        super().__init__(context, request)
        self.index = self.catalog["complaint_lists"]
        self.handler = is_handler(request)
        state = request.params.get("state", "")
        q = request.params.get("q", "")
        self.filters = {
            "q": q.strip()[:100] if isinstance(q, str) else "",
            "state": state if state in (OPEN, *STATES) else "",
        }
        self.lists = viewer_lists(self.index, request, self.handler)

    def spans(self):
        """Which part of the queues' order to read (their keys start with the state's rank)."""
        state = self.filters["state"]
        if not self.handler or not state:
            return ((None, None),)
        if state == OPEN:
            return ((None, (QUEUE_RANK["handling"] + 1,)),)
        rank = QUEUE_RANK[state]
        return (((rank,), (rank + 1,)),)

    def count(self):
        state = self.filters["state"]
        if not state:
            return sum(self.index.size(n) for n in self.lists)
        counts = self.index.counts(self.lists, OPEN if state == OPEN else "state") or {}
        return counts.get("1" if state == OPEN else state, 0)

    def results(self):
        """(complaints of the page, total, page number, pages)."""
        ids = self.index.docids(self.lists, self.spans())
        matches = self.filtered(ids)
        total = self.count() if matches is None else len(matches)
        number, pages, start = self.paging(total)
        page_ids = (
            islice(ids, start, start + PAGE_SIZE)
            if matches is None
            else matches[start : start + PAGE_SIZE]
        )
        get = self.root.docmap.get
        page = [c for c in map(get, page_ids) if c is not None]
        return page, total, number, pages

    def filtered(self, ids):
        """The docids of the lists (in their order) that the keyword, and an
        enterprise's state filter, let through; None when neither is set (a page is then a
        range of the lists). The keyword reads the folded fields of the viewer's list from
        the ``complaint_text`` index, never a complaint; an enterprise's state filter reads
        its own list, which is short."""
        q, state = self.filters["q"], self.filters["state"]
        by_state = state and not self.handler  # a handler's state is a span of the queue
        if not q and not by_state:
            return None
        if q:
            ids = self.root.catalog["complaint_text"].containing(ids, q)
        if by_state:
            get = self.root.docmap.get
            ids = [d for d in ids if getattr(get(d), "state", None) == state]
        return list(ids)

    def summary(self, complaint):
        url = self.item_url(complaint)
        return complaint_summary(self.request, complaint, url=url)

    @reify
    def row_page(self):
        """What every kept row of this page shares in its key (web/rows.py)."""
        return ROWS.page_key(self.request, self.handler)

    def row(self, complaint):
        """A row of the HTML list, kept per version of the complaint (web/rows.py)."""
        return ROWS.row(
            self.request,
            self.row_page,
            complaint,
            lambda: {"c": complaint, "s": self.summary(complaint), "handler": self.handler},
        )

    @view_config(accept="text/html")
    def html(self):
        complaints, total, number, pages = self.results()
        may_complain = bool(
            self.request.has_permission(Permissions.FILE, self.context) and not self.handler
        )
        values = {
            "handler": self.handler,
            "complaints": complaints,
            **self.paging_values(total, number, pages),
            "states": [(s, STATE_TITLES[s]) for s in STATES],
            "may_complain": may_complain,
        }
        return self.kept_html(LIST_TEMPLATE, values, complaints, may_complain)

    @view_config(accept="application/json", renderer="json")
    def json(self):
        complaints, total, number, pages = self.results()
        return self.answer(
            self.handler, "complaints", [self.summary(c) for c in complaints], total, number, pages
        )
