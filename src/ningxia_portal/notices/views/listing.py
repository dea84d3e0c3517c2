"""``/notices/``: every notice the viewer may print, newest first, by kind and keyword.

An enterprise reads its own cases' notices, staff those of the departments and centers they
review, admins every center's: the ``notice_lists`` index (notices/indexes.py) keeps those
lists per kind in order, so a page merges a few ordered lists and reads 20 cases. The
keyword (a case number or its start, any part of the item's or applicant's name as filed)
narrows the viewer's own lists through the filings' indexes: nothing else can match.
"""

from itertools import islice

from BTrees.IFBTree import intersection
from pyramid.view import view_config, view_defaults

from ningxia_portal.core.clock import local_iso
from ningxia_portal.filings.notices import KIND_FILTER_TITLES, KINDS, entry_for, notice_title
from ningxia_portal.filings.views.listing import keyword_matches
from ningxia_portal.notices import codes
from ningxia_portal.notices.indexes import viewer_lists
from ningxia_portal.notices.resources import Notices
from ningxia_portal.notices.views import verify_url
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.web.listing import OwnedList, param
from ningxia_portal.web.paging import PAGE_SIZE

SORT_FEW = 2000  # up to this many matching cases, order their rows by their own keys


@view_defaults(context=Notices, permission=Permissions.VIEW)
class NoticeList(OwnedList):
    """The viewer's notices from the catalog, 20 rows a page, in HTML or JSON."""

    def __init__(self, context, request):
        super().__init__(context, request)
        self.index = self.catalog["notice_lists"]
        kind = param(request, "kind")
        self.filters = {"kind": kind if kind in KINDS else "", "q": param(request, "q")}

    def lists(self):
        kinds = (self.filters["kind"],) if self.filters["kind"] else KINDS
        return viewer_lists(self.index, self.request, kinds)

    def results(self):
        """(rows, total, page number, pages); a row is (filing, kind, sort key)."""
        lists = self.lists()
        names = [n for kind_names in lists.values() for n in kind_names]
        wanted = None
        if self.filters["q"]:
            wanted = keyword_matches(self.catalog, self.filters["q"], self.index.members(names))
        if wanted is None:
            total = sum(self.index.size(n) for n in names)
        else:
            total = sum(len(intersection(wanted, self.index.members([n]))) for n in names)
        number, pages, start = self.paging(total)
        if wanted is not None and len(wanted) <= SORT_FEW:
            found = [row for docid in wanted for row in self.index.doc_rows(docid, lists)]
            found.sort(key=lambda r: (r[0], r[1], KINDS.index(r[2])))
        else:
            found = self.index.rows(lists)
            if wanted is not None:
                found = (row for row in found if row[1] in wanted)
        get = self.root.docmap.get
        rows = []
        for _key, docid, kind in islice(found, start, start + PAGE_SIZE):
            filing = get(docid)
            if filing is not None:
                rows.append((filing, kind))
        return rows, total, number, pages

    def summary(self, filing, kind):
        """A row: what the notice prints of the case (kind, case, item, applicant, date)."""
        entry = entry_for(filing, kind)
        notice_url = f"{self.item_url(filing)}notices/{kind}"
        code = codes.make_code(self.context.secret, filing.case_no, kind, entry["time"])
        return {
            "kind": kind,
            "kind_title": self.request.localizer.translate(notice_title(filing, kind)),
            "case_no": filing.case_no,
            "item": filing.item_title,
            "applicant": filing.applicant_title,
            "issued": local_iso(entry["time"]),
            "url": notice_url,
            "pdf_url": notice_url + ".pdf",
            "case_url": self.item_url(filing),
            "code": code,
            "verify_url": verify_url(self.request, code),
        }

    def item_url(self, filing):
        """A case's address, from the filings container's (no ``resource_url`` walk)."""
        return f"{self.filings_url}{filing.__name__}/"

    @property
    def filings_url(self):
        return self.request.application_url + "/filings/"

    @view_config(accept="text/html", renderer="ningxia_portal:notices/templates/list.jinja2")
    def html(self):
        rows, total, number, pages = self.results()
        return {
            "rows": [self.summary(f, kind) for f, kind in rows],
            **self.paging_values(total, number, pages),
            "kinds": [(k, KIND_FILTER_TITLES[k]) for k in KINDS],
        }

    @view_config(accept="application/json", renderer="json")
    def json(self):
        rows, total, number, pages = self.results()
        return {
            "total": total,
            "page": number,
            "pages": pages,
            "filters": self.filters,
            "notices": [self.summary(f, kind) for f, kind in rows],
        }
