"""What every statistic's page shares: the filter form, the viewer's scopes, the charts, the
table and the CSV download.

A statistic subclasses ``StatisticView`` and says what it counts (``figures``): the table's
columns and rows and what its two charts show. Figures come from ``stats.queries`` (the
counters), never from loading cases.
"""

import csv
import io
from dataclasses import dataclass, field

import deform
from pyramid.response import Response

from ningxia_portal.core.clock import get_clock
from ningxia_portal.filings.views.listing import is_staff
from ningxia_portal.i18n import _
from ningxia_portal.stats import schemas
from ningxia_portal.stats.charts import bar_chart, describe, pie_chart
from ningxia_portal.stats.scopes import ViewerScope
from ningxia_portal.web.forms import Form
from ningxia_portal.web.pagecache import LRUCache

TEMPLATE = "ningxia_portal:stats/templates/statistic.jinja2"
REFRESH = "refresh"
FILTER_FIELDS = ("start", "end", "year", "center", "department")
NO_DATA = _("No figures for this choice.")


@dataclass
class Row:
    """A row of the table: its label, its cells and each cell's drill-down address."""

    label: str
    cells: list
    links: list = field(default_factory=list)


@dataclass
class Figures:
    """What a statistic shows: a table (``columns`` after the label's) and two charts."""

    label_title: str
    columns: list
    rows: list
    bar_labels: list
    bar_series: list  # [(name, values)]
    pie: list  # [(label, value)]
    bar_title: str = ""
    pie_title: str = ""
    empty: bool = False


def percent(share):
    return "—" if share is None else f"{share * 100:.1f}%"


def decimal(value):
    return "—" if value is None else f"{value:.2f}"


# Rendered filters (html, validated values): values are read, never changed, by the views.
FILTERS = LRUCache(2000)
MAX_KEPT_QUERY = 300  # longer queries are nobody's bookmark: rendered, not kept


class StatisticView:
    """One statistic's page (HTML, or CSV with ``?format=csv``)."""

    name = ""
    title = ""
    by_year = False  # a year's months, rather than a range of days

    def __init__(self, context, request):
        self.context = context
        self.request = request
        self.root = request.root
        self.scope = ViewerScope(request)
        self.today = get_clock(request.registry).today()
        self.t = request.localizer.translate

    # -- the filter ---------------------------------------------------------------------
    def raw(self, name):
        value = self.request.GET.get(name, "")
        return value.strip()[:20] if isinstance(value, str) else ""

    def center_titles(self):
        centers = self.root["centers"]
        return [(code, centers[code].title) for code in self.scope.centers()]

    def department_titles(self, center):
        found = self.root["centers"].get(center) if center else None
        if found is None:
            return []
        return [(name, found[name].title) for name in self.scope.departments(center)]

    def form(self, center):
        schema = schemas.filter_schema(
            self.scope,
            self.center_titles(),
            self.department_titles(center),
            self.today,
            self.by_year,
        )
        buttons = [deform.Button("submit", _("Show"), css_class="btn btn-primary")]
        if self.scope.filters_places:
            buttons.insert(
                0,
                deform.Button(
                    REFRESH, _("Refresh departments"), css_class="btn btn-outline-secondary"
                ),
            )
        form = Form(schema, buttons=buttons, formid="stats-filter", method="GET", focus="off")
        form.action = self.request.resource_url(self.context, self.name)
        form.css_class = "stats-filter"
        return form

    def controls(self, center):
        """The filter's values as given; after 刷新部门选项 a department of another center
        is left out rather than refused (the choices followed the center)."""
        values = {name: self.raw(name) for name in FILTER_FIELDS}
        if REFRESH in self.request.GET:
            allowed = {n for n, _title in self.department_titles(center)}
            if values["department"] not in allowed:
                values["department"] = ""
        return [(k, v) for k, v in values.items() if k in self.request.GET or v]

    def read_filter(self):
        """(form html, values or None when the filter is refused), kept per language, day,
        choices offered and query: the same filter is rendered and validated once."""
        center = self.raw("center")
        query = self.request.query_string
        key = (
            self.request.application_url,
            self.request.locale_name,
            self.name,
            self.today,
            self.scope.kind,
            tuple(self.center_titles()),
            tuple(self.department_titles(center)),
            query,
        )
        found = FILTERS.get(key) if len(query) <= MAX_KEPT_QUERY else None
        if found is None:
            found = self.render_filter(center)
            if len(query) <= MAX_KEPT_QUERY:
                FILTERS.put(key, found)
        return found

    def render_filter(self, center):
        """(form html, values or None): the filter rendered and validated."""
        form = self.form(center)
        if not any(name in self.request.GET for name in FILTER_FIELDS):
            defaults = {"year": str(self.today.year)} if self.by_year else {}
            return form.render(defaults), {}
        try:
            values = form.validate(self.controls(center))
        except deform.ValidationFailure as failure:
            return failure.render(), None
        return form.render(values), values

    # -- what the page shows ------------------------------------------------------------
    def figures(self, scopes, start, end, year, values):  # pragma: no cover - each statistic's own
        raise NotImplementedError

    def query(self, values):
        """The filter in force as a query string's values (for the CSV link, drill-downs)."""
        found = {}
        for name in FILTER_FIELDS:
            value = values.get(name)
            if value:
                found[name] = value.isoformat() if hasattr(value, "isoformat") else value
        return found

    def drill(self, start, end, values, state="all"):
        """The filings list showing the cases a figure counts (received in the range); None
        for a viewer whose filings list shows none of them (a complaint handler alone)."""
        if self.scope.kind != "owner" and not is_staff(self.request):
            return None
        query = {"from": start.isoformat(), "to": end.isoformat(), "state": state}
        center, department = values.get("center"), values.get("department")
        if center:
            query["center"] = center
        if center and department:
            query["department"] = f"{center}/{department}"
        return self.request.resource_url(self.root["filings"], query=query)

    def __call__(self):
        self.request.response.headers["Cache-Control"] = "private, no-store"
        form_html, values = self.read_filter()
        page = {
            "view": self,
            "title": self.t(self.title),
            "form": form_html,
            "scope": self.scope,
            "figures": None,
            "no_data": NO_DATA,
        }
        if values is None:
            return page
        start, end, year = schemas.period(values, self.today, self.by_year)
        scopes = self.scope.scopes(values.get("center", ""), values.get("department", ""))
        figures = self.figures(scopes, start, end, year, values)
        if self.request.GET.get("format") == "csv":
            return self.csv(figures, start, end, year)
        page.update(
            figures=figures,
            start=start,
            end=end,
            year=year,
            csv_url=self.request.resource_url(
                self.context, self.name, query={**self.query(values), "format": "csv"}
            ),
            bar=self.bar(figures),
            pie=self.pie(figures),
        )
        return page

    def bar(self, figures):
        title = self.t(figures.bar_title or self.title)
        pairs = [
            (label, "/".join(str(values[i]) for _name, values in figures.bar_series))
            for i, label in enumerate(figures.bar_labels)
        ]
        return bar_chart(
            title, describe(pairs), figures.bar_labels, figures.bar_series, self.t(NO_DATA)
        )

    def pie(self, figures):
        title = self.t(figures.pie_title or self.title)
        return pie_chart(title, describe(figures.pie), figures.pie, self.t(NO_DATA))

    def csv(self, figures, start, end, year):
        out = io.StringIO()
        out.write("\ufeff")
        writer = csv.writer(out)
        writer.writerow([self.t(figures.label_title), *(self.t(c) for c in figures.columns)])
        for row in figures.rows:
            writer.writerow([row.label, *row.cells])
        period = str(year) if self.by_year else f"{start:%Y%m%d}-{end:%Y%m%d}"
        response = Response(
            body=out.getvalue().encode("utf-8"),
            content_type="text/csv",
            charset="utf-8",
        )
        response.headers["Content-Disposition"] = (
            f'attachment; filename="stats-{self.name}-{period}.csv"'
        )
        response.headers["Cache-Control"] = "private, no-store"
        return response
