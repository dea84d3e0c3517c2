"""``/manage/audit/`` (admins): the log newest first, searched by who, action, target and
dates, a page at a time from its own trees; one entry's page; the CSV of a search.

Every view here answers GET (and HEAD) only: the log has no form that writes, and any other
method finds no view (404), so nothing of it can be changed or removed through the portal.
"""

import csv
import io
from datetime import datetime, time, timedelta

import deform
from pyramid.httpexceptions import HTTPNotFound
from pyramid.response import Response
from pyramid.view import view_config

from ningxia_portal.audit import schemas
from ningxia_portal.audit.resources import AuditLog, Entry, key_name, microseconds, parse_key
from ningxia_portal.core.clock import CST, get_clock
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.web.forms import Form

READ = ("GET", "HEAD")
PAGE_SIZE = 50
PAGE_BUDGET = 20_000  # candidates one page looks at, at most (a filter checked per entry)
CSV_ROWS = 100_000  # rows one export holds at most, newest first
CSV_BUDGET = 1_000_000
FILTER_FIELDS = ("actor", "action", "other_action", "target", "start", "end")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def day_start(day):
    """µs of 00:00 in China on ``day``."""
    return microseconds(datetime.combine(day, time(), tzinfo=CST))


def no_store(request):
    request.response.headers["Cache-Control"] = "private, no-store"


class LogSearch:
    """The filter of one request: its form, its values (None when refused), its search."""

    def __init__(self, context, request):
        self.context = context
        self.request = request
        schema = schemas.filter_schema(request, context.actions())
        self.form = Form(
            schema,
            formid="audit-filter",
            method="GET",
            action=request.resource_url(context),
            buttons=(deform.Button("search", _("Search")),),
        )
        self.submitted = any(name in request.GET for name in FILTER_FIELDS)
        self.values = {}
        if self.submitted:
            try:
                self.values = self.form.validate(request.GET.items())
            except deform.ValidationFailure as failure:
                self.html, self.values = failure.render(), None
                return
        self.html = self.form.render(self.values)

    def query(self):
        """The filter in force as query values (page links, the CSV link)."""
        found = {}
        for name in FILTER_FIELDS:
            value = (self.values or {}).get(name)
            if value:
                found[name] = value.isoformat() if hasattr(value, "isoformat") else value
        return found

    def search(self, before=None):
        values = self.values
        start, end = values.get("start"), values.get("end")
        return self.context.search(
            actor=values.get("actor", ""),
            action=values.get("action") or values.get("other_action", ""),
            target=values.get("target", ""),
            start=day_start(start) if start else None,
            end=day_start(end + timedelta(days=1)) if end else None,
            before=before,
        )


def row(request, entry):
    return {
        "entry": entry,
        "url": request.resource_url(entry),
        "action_title": schemas.action_title(request, entry.action),
    }


@view_config(
    context=AuditLog,
    renderer="templates/log.jinja2",
    permission=Permissions.VIEW_AUDIT,
    request_method=READ,
)
def audit_log(context, request):
    """A page of the log: up to PAGE_SIZE entries before the ``before`` key."""
    no_store(request)
    found = LogSearch(context, request)
    page = {
        "title": request.localizer.translate(_("Audit log")),
        "form": found.html,
        "resources": found.form.get_widget_resources(),
        "total": len(context),
        "rows": [],
        "filtered": bool(found.query()),
        "valid": found.values is not None,
        "first_url": None,
        "next_url": None,
        "csv_url": None,
    }
    if found.values is None:
        return page
    before = parse_key(request.GET.get("before", ""))
    search = found.search(before)
    entries = search.take(PAGE_SIZE, PAGE_BUDGET)
    query = found.query()
    if search.last is not None and search.more():
        page["next_url"] = request.resource_url(
            context, query={**query, "before": key_name(search.last)}
        )
    if before is not None:
        page["first_url"] = request.resource_url(context, query=query)
    page["rows"] = [row(request, entry) for entry in entries]
    page["csv_url"] = request.resource_url(context, "csv", query=query)
    page["csv_rows"] = CSV_ROWS
    return page


def csv_cell(value):
    """A cell a spreadsheet shows as text, never runs as a formula."""
    value = str(value)
    return "'" + value if value.startswith(FORMULA_START) else value


@view_config(context=AuditLog, name="csv", permission=Permissions.VIEW_AUDIT, request_method=READ)
def audit_csv(context, request):
    """The search's entries as CSV (UTF-8 with a BOM, for Excel), newest first, at most
    CSV_ROWS of them; a refused filter exports nothing but the header."""
    t = request.localizer.translate
    found = LogSearch(context, request)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(
        [t(_("Time")), t(_("Who")), t(_("Address")), t(_("Action")), t(_("Target")), t(_("Detail"))]
    )
    complete = True
    if found.values is not None:
        search = found.search()
        for entry in search.take(CSV_ROWS, CSV_BUDGET):
            writer.writerow(
                [
                    entry.when.isoformat(timespec="seconds"),
                    *(csv_cell(v) for v in entry.values[:4]),
                    csv_cell(entry.detail),
                ]
            )
        complete = search.done or not search.more()
    now = get_clock(request.registry).local_now()
    response = Response(
        body=out.getvalue().encode("utf-8"),
        content_type="text/csv",
        charset="utf-8",
        content_disposition=f'attachment; filename="audit-{now:%Y%m%d-%H%M%S}.csv"',
    )
    response.headers["Cache-Control"] = "private, no-store"
    if not complete:
        response.headers["X-Audit-Truncated"] = str(CSV_ROWS)
    return response


@view_config(
    context=Entry,
    renderer="templates/entry.jinja2",
    permission=Permissions.VIEW_AUDIT,
    request_method=READ,
)
def audit_entry(context, request):
    """One entry, whole (the list cuts long details)."""
    if not context.exists:
        raise HTTPNotFound()
    no_store(request)
    return {
        "title": request.localizer.translate(
            _("Audit entry ${name}", mapping={"name": context.__name__})
        ),
        **row(request, context),
        "log_url": request.resource_url(context.__parent__),
    }
