"""``/manage/calendar/`` (admins): the current and next year's arrangements, whether each is
official or provisional, and the overrides of single days — listed, added, edited, removed."""

import deform
from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config

from ningxia_portal.core.clock import get_clock
from ningxia_portal.core.events import Audited
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.web.forms import FormError, FormView, flash
from ningxia_portal.workdays.holidays import holiday_title, year_plan
from ningxia_portal.workdays.resources import KIND_TITLES, CalendarSection, Override
from ningxia_portal.workdays.schemas import OverrideEditSchema, OverrideSchema
from ningxia_portal.workflow import actor_title_of

WEEKDAYS = (
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
)


def audited(request, day, detail):
    """Tell the audit log an override of ``day`` changed."""
    request.registry.notify(Audited(request, "calendar.changed", day.isoformat(), detail))


def year_summary(year):
    """What the page says of a year: official or provisional, its holidays, its make-up days."""
    plan = year_plan(year)
    return {
        "year": year,
        "provisional": plan.provisional,
        "holidays": [
            (holiday_title(name), first, last, (last - first).days + 1)
            for name, first, last in plan.holidays()
        ],
        "make_up": sorted(plan.make_up),
    }


@view_config(
    context=CalendarSection,
    renderer="templates/calendar.jinja2",
    permission=Permissions.MANAGE_CALENDAR,
)
class CalendarView(FormView):
    """The calendar's page, with the form that adds an override."""

    schema_class = OverrideSchema
    formid = "override"
    title = _("Holiday calendar")
    buttons = (deform.Button("submit", _("Add override")),)

    def succeed(self, appstruct):
        day = appstruct["day"]
        if day in self.context.overrides:
            raise FormError(
                _(
                    "${date} already has an override: change or remove it in the list above.",
                    mapping={"date": day.isoformat()},
                ),
                field="day",
            )
        now = get_clock(self.request.registry).now()
        self.context.put(
            day, appstruct["kind"], appstruct["note"], actor_title_of(self.request), now
        )
        audited(self.request, day, f"added: {appstruct['kind']} {appstruct['note']}")
        return self.redirect(
            self.request.resource_url(self.context),
            _("The override of ${date} is saved.", mapping={"date": day.isoformat()}),
        )

    def render(self, form, html):
        data = super().render(form, html)
        this_year = get_clock(self.request.registry).today().year
        data.update(
            years=[year_summary(this_year), year_summary(this_year + 1)],
            overrides=self.context.listing(),
            kind_titles=KIND_TITLES,
            weekdays=WEEKDAYS,
        )
        return data


@view_config(
    context=Override,
    renderer="templates/override.jinja2",
    permission=Permissions.MANAGE_CALENDAR,
)
class OverrideView(FormView):
    """One override: change its kind or note, or remove it."""

    schema_class = OverrideEditSchema
    formid = "override-edit"
    buttons = (deform.Button("submit", _("Save")),)

    def __call__(self):
        if not self.context.exists:
            raise HTTPNotFound()
        return super().__call__()

    def appstruct(self):
        return {"kind": self.context.kind, "note": self.context.note}

    def succeed(self, appstruct):
        section, day = self.context.__parent__, self.context.day
        now = get_clock(self.request.registry).now()
        section.put(day, appstruct["kind"], appstruct["note"], actor_title_of(self.request), now)
        audited(self.request, day, f"changed: {appstruct['kind']} {appstruct['note']}")
        return self.redirect(
            self.request.resource_url(section),
            _("The override of ${date} is saved.", mapping={"date": day.isoformat()}),
        )

    def render(self, form, html):
        data = super().render(form, html)
        day = self.context.day
        data["title"] = self.request.localizer.translate(
            _(
                "Override of ${date} (${weekday})",
                mapping={
                    "date": day.isoformat(),
                    "weekday": self.request.localizer.translate(WEEKDAYS[day.weekday()]),
                },
            )
        )
        data["section_url"] = self.request.resource_url(self.context.__parent__)
        return data


@view_config(
    context=Override,
    name="remove",
    request_method="POST",
    permission=Permissions.MANAGE_CALENDAR,
)
def remove_override(context, request):
    """Remove the override (the POST carries the session's CSRF token, checked before)."""
    if not context.exists:
        raise HTTPNotFound()
    section = context.__parent__
    section.remove(context.day)
    audited(request, context.day, "removed")
    flash(request, _("The override of ${date} is removed.", mapping={"date": context.__name__}))
    return HTTPFound(location=request.resource_url(section))
