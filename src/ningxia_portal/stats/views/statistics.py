"""The six statistics of ``/stats/``: what each counts, its table and its two charts."""

from datetime import date, timedelta

from pyramid.view import view_config

from ningxia_portal.catalogue.resources import GROUP_TITLES, GROUPS, ITEM_TYPES
from ningxia_portal.filings.workflow import DRAFT, STATE_TITLES
from ningxia_portal.i18n import _, term
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.stats import queries
from ningxia_portal.stats.resources import Stats
from ningxia_portal.stats.views.base import (
    TEMPLATE,
    Figures,
    Row,
    StatisticView,
    decimal,
    percent,
)

SUMMARY_TITLES = {
    "received": _("Filings received"),
    "prereviewed": _("Passed pre-review"),
    "accepted": _("Accepted"),
    "completed": _("Completed"),
    "refused": _("Not accepted or not permitted"),
    "returned": _("Returned for supplement"),
    "overdue": _("Overdue"),
    "appointments": _("Appointments"),
    "consultations": _("Consultations"),
    "complaints": _("Complaints"),
}
# The summary's figures a filings list shows exactly (received in the range, in that state).
SUMMARY_DRILLS = {"received": "all", "completed": "completed"}
REQUESTS = ("received", "appointments", "consultations", "complaints")


def month_label(t, month):
    return t(_("${m} month", mapping={"m": month}))


def statistic(name):
    """Register a statistic's page at ``/stats/<name>``."""
    return view_config(
        context=Stats, name=name, permission=Permissions.VIEW_STATS, renderer=TEMPLATE
    )


@statistic("summary")
class SummaryView(StatisticView):
    name, title = "summary", _("Summary statistics")

    def figures(self, scopes, start, end, year, values):
        found = queries.summary(self.context, scopes, start, end, self.today)
        keys, requests = queries.SUMMARY_KEYS, REQUESTS
        if not self.scope.counts_complaints:  # a reviewer: complaints are not theirs to count
            keys = tuple(k for k in keys if k != "complaints")
            requests = tuple(k for k in requests if k != "complaints")
        elif (handled := self.scope.complaint_scopes(scopes)) != scopes:
            found["complaints"] = queries.complaints(self.context, handled, start, end)
        labels = [self.t(SUMMARY_TITLES[k]) for k in keys]
        rows = []
        for key, label in zip(keys, labels, strict=True):
            state = SUMMARY_DRILLS.get(key)
            link = self.drill(start, end, values, state) if state and found[key] else None
            rows.append(Row(label, [found[key]], [link]))
        return Figures(
            label_title=_("Figure"),
            columns=[_("Count")],
            rows=rows,
            bar_labels=labels,
            bar_series=[(self.t(_("Count")), [found[k] for k in keys])],
            pie=[(self.t(SUMMARY_TITLES[k]), found[k]) for k in requests],
            pie_title=_("Requests by kind"),
            empty=not any(found[k] for k in keys),
        )


@statistic("item-types")
class ItemTypesView(StatisticView):
    name, title = "item-types", _("Filings by item type")

    def figures(self, scopes, start, end, year, values):
        found = queries.item_types(self.context, scopes, start, end)
        groups, types = found["groups"], found["types"]
        rows = [Row(self.t(GROUP_TITLES[g]), [self.t(_("Group")), groups[g]]) for g in GROUPS]
        rows += [Row(self.t(term(t)), [self.t(_("Item type")), types[t]]) for t in ITEM_TYPES]
        return Figures(
            label_title=_("Category"),
            columns=[_("Kind"), _("Filings received")],
            rows=rows,
            bar_labels=[self.t(term(t)) for t in ITEM_TYPES],
            bar_series=[(self.t(_("Filings received")), [types[t] for t in ITEM_TYPES])],
            bar_title=_("Filings by item type"),
            pie=[(self.t(GROUP_TITLES[g]), groups[g]) for g in GROUPS],
            pie_title=_("Filings by approval type"),
            empty=not any(types.values()),
        )


@statistic("monthly")
class MonthlyView(StatisticView):
    name, title, by_year = "monthly", _("Filings per month"), True

    def figures(self, scopes, start, end, year, values):
        months = queries.filings_by_month(self.context, scopes, year)
        labels = [month_label(self.t, m) for m in range(1, 13)]
        rows = []
        for m, n in enumerate(months, start=1):
            first = date(year, m, 1)
            last = (date(year + (m == 12), m % 12 + 1, 1)) - timedelta(days=1)
            rows.append(Row(labels[m - 1], [n], [self.drill(first, last, values) if n else None]))
        quarters = [sum(months[q * 3 : q * 3 + 3]) for q in range(4)]
        return Figures(
            label_title=_("Month"),
            columns=[_("Filings received")],
            rows=rows,
            bar_labels=labels,
            bar_series=[(self.t(_("Filings received")), months)],
            pie=[
                (self.t(_("Quarter ${q}", mapping={"q": q + 1})), n) for q, n in enumerate(quarters)
            ],
            pie_title=_("Filings per quarter"),
            empty=not any(months),
        )


@statistic("states")
class StatesView(StatisticView):
    name, title = "states", _("Online applications by state")

    def figures(self, scopes, start, end, year, values):
        found = queries.filings_by_state(self.context, scopes, start, end)
        states = [s for s in STATE_TITLES if s != DRAFT]
        labels = [self.t(STATE_TITLES[s]) for s in states]
        rows = [
            Row(
                label,
                [found.get(s, 0)],
                [self.drill(start, end, values, s) if found.get(s) else None],
            )
            for s, label in zip(states, labels, strict=True)
        ]
        return Figures(
            label_title=_("Status"),
            columns=[_("Filings received")],
            rows=rows,
            bar_labels=labels,
            bar_series=[(self.t(_("Filings received")), [found.get(s, 0) for s in states])],
            pie=[(label, found.get(s, 0)) for s, label in zip(states, labels, strict=True)],
            empty=not any(found.values()),
        )


@statistic("consultations")
class ConsultationsView(StatisticView):
    name, title, by_year = "consultations", _("Consultations per month"), True

    def figures(self, scopes, start, end, year, values):
        months = queries.consultations_by_month(self.context, scopes, year)
        labels = [month_label(self.t, m) for m in range(1, 13)]
        rows = [
            Row(labels[i], [asked, replied, asked - replied])
            for i, (asked, replied) in enumerate(months)
        ]
        asked = sum(a for a, _r in months)
        replied = sum(r for _a, r in months)
        return Figures(
            label_title=_("Month"),
            columns=[_("Asked"), _("Replied"), _("Not replied")],
            rows=rows,
            bar_labels=labels,
            bar_series=[
                (self.t(_("Asked")), [a for a, _r in months]),
                (self.t(_("Replied")), [r for _a, r in months]),
            ],
            pie=[(self.t(_("Replied")), replied), (self.t(_("Not replied")), asked - replied)],
            pie_title=_("Replied and not replied"),
            empty=not asked,
        )


@statistic("satisfaction")
class SatisfactionView(StatisticView):
    name, title = "satisfaction", _("Satisfaction")

    def department_title(self, key):
        """The department's name from the catalogue; its key once it is gone."""
        center_code, _sep, name = key.partition("/")
        center = self.root["centers"].get(center_code)
        department = center.get(name) if center is not None else None
        if department is None:
            return key
        return f"{center.title} {department.title}"

    def figures(self, scopes, start, end, year, values):
        found = queries.satisfaction(self.context, scopes, start, end)
        labels = [self.department_title(r["department"]) for r in found]
        rows = [
            Row(
                label,
                [
                    r["count"],
                    decimal(r["average"]),
                    r["poor"],
                    percent(r["poor_share"]),
                    r["open_rectifications"],
                ],
            )
            for label, r in zip(labels, found, strict=True)
        ]
        count = sum(r["count"] for r in found)
        poor = sum(r["poor"] for r in found)
        return Figures(
            label_title=_("Department"),
            columns=[
                _("Ratings"),
                _("Average (1–5)"),
                _("Dissatisfied or worse"),
                _("Share dissatisfied or worse"),
                _("Open rectifications"),
            ],
            rows=rows,
            bar_labels=labels,
            bar_series=[(self.t(_("Ratings")), [r["count"] for r in found])],
            bar_title=_("Ratings by department"),
            pie=[
                (self.t(_("Better than dissatisfied")), count - poor),
                (self.t(_("Dissatisfied or worse")), poor),
            ],
            pie_title=_("Satisfied and dissatisfied"),
            empty=not count,
        )
