"""``/stats/``: the statistics the viewer may see; ``/stats/public``: 办件公示 for everyone."""

from datetime import date

from pyramid.view import view_config

from ningxia_portal.core.clock import get_clock
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.stats import queries
from ningxia_portal.stats.resources import Stats
from ningxia_portal.stats.scopes import ViewerScope
from ningxia_portal.stats.views.base import percent
from ningxia_portal.stats.views.statistics import (
    ConsultationsView,
    ItemTypesView,
    MonthlyView,
    SatisfactionView,
    StatesView,
    SummaryView,
)
from ningxia_portal.web.pagecache import shared_page_cache

STATISTICS = (
    SummaryView,
    ItemTypesView,
    MonthlyView,
    StatesView,
    ConsultationsView,
    SatisfactionView,
)
DESCRIPTIONS = {
    "summary": _(
        "Filings received and how far they went, appointments, consultations, complaints."
    ),
    "item-types": _("Filings by approval type and by item type."),
    "monthly": _("Filings received in each month of a year."),
    "states": _("Filings by their current state."),
    "consultations": _("Consultations asked in each month of a year, replied or not."),
    "satisfaction": _(
        "Ratings of finished cases by department, dissatisfaction and rectifications."
    ),
}
# The public page changes with the cases and ratings it counts, and with the day.
PUBLIC_TYPES = ("Filing", "Evaluation", "Center")


@view_config(
    context=Stats,
    name="",
    permission=Permissions.VIEW_STATS,
    renderer="ningxia_portal:stats/templates/index.jinja2",
)
def stats_index(context, request):
    request.response.headers["Cache-Control"] = "private, no-store"
    scope = ViewerScope(request)
    links = []
    if scope.kind != "none":
        links = [
            (request.resource_url(context, view.name), view.title, DESCRIPTIONS[view.name])
            for view in STATISTICS
        ]
    return {"links": links, "scope": scope}


def public_rows(context, request):
    today = get_clock(request.registry).today()
    centers = request.root["centers"]
    codes = list(centers.keys())
    rows = []
    for row in queries.public_figures(context, codes, today):
        rows.append(
            {**row, "title": centers[row["center"]].title, "rate": percent(row["satisfied_share"])}
        )
    return rows, today


def _today_key(request):
    return get_clock(request.registry).today()


@view_config(
    context=Stats,
    name="public",
    permission=Permissions.VIEW,
    renderer="ningxia_portal:stats/templates/public.jinja2",
    decorator=shared_page_cache(*PUBLIC_TYPES, vary=_today_key),
)
def stats_public(context, request):
    rows, today = public_rows(context, request)
    return {
        "rows": rows,
        "today": today,
        "month_start": today.replace(day=1),
        "year_start": date(today.year, 1, 1),
    }
