"""``/consultations/``: an enterprise's consultations (咨询列表) or the staff's queue.

Both come from the catalog's ``consultation_lists`` index: each enterprise's list, each
department's and center's queue (unanswered first), kept in display order with their sizes;
a page is a range read. The search (咨询人, 咨询主题, 咨询部门) matches within the viewer's
own lists, from the ``consultation_text`` index, never loading a consultation it doesn't show.
"""

from itertools import islice

from BTrees.IFBTree import intersection, multiunion
from pyramid.decorator import reify
from pyramid.view import view_config, view_defaults

from ningxia_portal.consultations import workflow
from ningxia_portal.consultations.resources import MINE_LIST, QUEUE_LIST, Consultations
from ningxia_portal.consultations.views import is_staff, summary
from ningxia_portal.indexing.lists import scope_lists
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.web.listing import OwnedList, param
from ningxia_portal.web.paging import PAGE_SIZE
from ningxia_portal.web.rows import RowCache

ROWS = RowCache("ningxia_portal:consultations/templates/row.jinja2")
LIST_TEMPLATE = "ningxia_portal:consultations/templates/list.jinja2"

SEARCH_FIELDS = ("asker", "subject", "department")  # the order of search_fields()
ANSWERED_CHOICES = ("0", "1")
SORT_FEW = 2000  # up to this many matches, order them by their own keys


@view_defaults(context=Consultations, permission=Permissions.VIEW)
class ConsultationList(OwnedList):
    def __init__(self, context, request):
        super().__init__(context, request)
        self.docmap = self.root.docmap
        self.index = self.catalog["consultation_lists"]
        self.staff = is_staff(request)
        self.filters = {name: param(request, name) for name in SEARCH_FIELDS}
        answered = param(request, "answered")
        self.filters["answered"] = answered if answered in ANSWERED_CHOICES else ""

    @reify
    def lists(self):
        """The lists this viewer may read: their own, or the queues of their scopes."""
        if not self.staff:
            return [MINE_LIST + (self.request.authenticated_userid or "")]
        return scope_lists(self.index, QUEUE_LIST, self.request.effective_principals)

    def wanted(self):
        """The docids the filters allow (None: no filter set)."""
        f = self.filters
        searched = [f[name] for name in SEARCH_FIELDS]
        if not any(searched) and not f["answered"]:
            return None
        found = self.index.members(self.lists)
        if f["answered"]:
            states = workflow.ANSWERED_STATES if f["answered"] == "1" else (workflow.ASKED,)
            by_state = self.catalog["state"]._fwd_index
            found = multiunion([intersection(found, by_state[s]) for s in states if s in by_state])
        if any(searched) and found:
            found = self.catalog["consultation_text"].matching(found, searched)
        return found

    def results(self):
        lists = self.lists
        wanted = self.wanted()
        total = sum(self.index.size(n) for n in lists) if wanted is None else len(wanted)
        number, pages, start = self.paging(total)
        if wanted is not None and len(wanted) <= SORT_FEW:
            keyed = [self.index.sort_key(d, lists) for d in wanted]
            ids = (k[-1] for k in sorted(k for k in keyed if k is not None))
        else:
            ids = self.index.docids(lists)
            if wanted is not None:
                ids = (d for d in ids if d in wanted)
        ids = list(islice(ids, start, start + PAGE_SIZE))
        found = [obj for obj in map(self.docmap.get, ids) if obj is not None]
        return found, total, number, pages

    def summary(self, consultation):
        """A row's data: the consultation's URL from the container's, computed once."""
        url = self.item_url(consultation)
        return summary(self.request, consultation, url=url)

    @reify
    def row_page(self):
        """What every kept row of this page shares in its key (web/rows.py)."""
        return ROWS.page_key(self.request, self.staff)

    def row(self, consultation):
        """A row of the HTML list, kept per version of the consultation (web/rows.py)."""
        values = {"obj": consultation, "staff": self.staff}
        return ROWS.row(
            self.request,
            self.row_page,
            consultation,
            lambda: dict(values, c=self.summary(consultation)),
        )

    @view_config(accept="text/html")
    def html(self):
        found, total, number, pages = self.results()
        may_ask = self.request.has_permission(Permissions.FILE)
        values = {
            "staff": self.staff,
            "rows": found,
            **self.paging_values(total, number, pages),
            "may_ask": may_ask,
            "new_url": self.request.resource_url(self.context, "new"),
        }
        return self.kept_html(LIST_TEMPLATE, values, found, bool(may_ask))

    @view_config(accept="application/json", renderer="json")
    def json(self):
        found, total, number, pages = self.results()
        return self.answer(
            self.staff, "consultations", [self.summary(c) for c in found], total, number, pages
        )
