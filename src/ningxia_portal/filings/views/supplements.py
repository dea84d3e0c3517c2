"""``/filings/supplements``: 离线材料补充, an enterprise's cases and whether each needs
supplementary materials (需补充 when a reviewer returned it, 无需补充 otherwise).

The enterprise's own list of the catalog's ``lists`` index, as ``/filings/`` reads it,
narrowed by the applicant's name (申报人), the item's name (申报事项) and the state
(办理状态) through the ``applicant``, ``item_title`` and ``state`` indexes: a page reads
its 20 rows, never a walk of the cases. Staff have no cases of their own to supplement:
they are sent to their work queue, narrowed to the cases waiting for supplements.
"""

from BTrees.IFBTree import intersection
from hypatia.query import Eq
from pyramid.decorator import reify
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config, view_defaults

from ningxia_portal.filings import workflow
from ningxia_portal.filings.resources import Filings
from ningxia_portal.filings.views import filing_summary
from ningxia_portal.filings.views.listing import FilingList, name_matches
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.web.listing import param
from ningxia_portal.web.rows import RowCache

VIEW_NAME = "supplements"
ROWS = RowCache("ningxia_portal:filings/templates/supplements_row.jinja2")


@view_defaults(context=Filings, name=VIEW_NAME, permission=Permissions.VIEW)
class SupplementList(FilingList):
    """The enterprise's cases with the column 是否补充材料; each 需补充 row links to the
    case's supplement form."""

    def __init__(self, context, request):
        super().__init__(context, request)
        if self.staff:
            query = {"state": workflow.SUPPLEMENT_REQUIRED}
            raise HTTPSeeOther(request.resource_url(context, query=query))
        self.filters = {
            "applicant": param(request, "applicant"),
            "item": param(request, "item"),
            "state": param(request, "state"),
        }

    def lists(self):
        return self.viewer_lists

    def narrowing(self, within):
        """What of the enterprise's list the filters allow; None when none is set."""
        f, catalog = self.filters, self.catalog
        if not (f["applicant"] or f["item"] or f["state"] in workflow.STATES):
            return None
        found = within()
        if f["state"] in workflow.STATES:
            found = intersection(found, Eq(catalog["state"], f["state"]).execute().ids)
        if f["applicant"] and found:
            found = name_matches(catalog, f["applicant"], found, ("applicant",))
        if f["item"] and found:
            found = name_matches(catalog, f["item"], found, ("item_title",))
        return found

    def page_url(self, number):
        query = {k: v for k, v in self.filters.items() if v}
        query["page"] = number
        return self.request.resource_url(self.context, VIEW_NAME, query=query)

    def summary(self, filing):
        """The case as /filings/ shows it, and whether (and where) it is to be supplemented."""
        found = filing_summary(self.request, filing, url=self.item_url(filing))
        needed = filing.state == workflow.SUPPLEMENT_REQUIRED
        found["needs_supplement"] = needed
        found["supplement_url"] = found["url"] + "supplement" if needed else None
        return found

    @reify
    def row_page(self):
        return ROWS.page_key(self.request)

    def row(self, filing):
        """A row, kept per version of the case (what it shows changes only with it)."""
        values = lambda: {"f": filing, "s": self.summary(filing)}  # noqa: E731
        return ROWS.row(self.request, self.row_page, filing, values)

    @view_config(accept="text/html", renderer="ningxia_portal:filings/templates/supplements.jinja2")
    def html(self):
        filings, total, number, pages = self.results()
        return {
            "filings": filings,
            **self.paging_values(total, number, pages),
            "states": [(s, workflow.STATE_TITLES[s]) for s in workflow.STATES],
            "row": self.row,
        }

    @view_config(accept="application/json", renderer="json")
    def json(self):
        filings, total, number, pages = self.results()
        return self.answer(
            False, "filings", [self.summary(f) for f in filings], total, number, pages
        )
