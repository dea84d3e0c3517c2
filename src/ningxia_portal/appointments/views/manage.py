"""``/manage/appointments/`` (admins): the slots and capacity every department offers by
default (the settings), and the departments' own, set, changed and removed here."""

import colander
import deform
from deform.widget import SelectWidget, TextInputWidget
from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from ningxia_portal.appointments.resources import AppointmentSlotsSection
from ningxia_portal.appointments.slots import default_schedule, parse_slots
from ningxia_portal.core.clock import get_clock
from ningxia_portal.core.events import Audited
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.web.forms import CSRFSchema, FormError, FormView, flash
from ningxia_portal.workflow import actor_title_of

TEMPLATE = "ningxia_portal:appointments/templates/manage.jinja2"


def departments(root):
    """[(key, "<center> · <department>")] of every department of the tree (back office)."""
    return [
        (dept.department_key, f"{center.title} · {dept.title}")
        for center in root["centers"].values()
        for dept in center.values()
    ]


@colander.deferred
def department_widget(node, kw):
    return SelectWidget(values=departments(kw["request"].root), css_class="form-select")


@colander.deferred
def department_validator(node, kw):
    keys = {key for key, _title in departments(kw["request"].root)}
    return colander.OneOf(keys, msg_err=_("Please choose a department."))


def slots_validator(node, value):
    try:
        found = parse_slots(value)
    except ValueError as e:
        raise colander.Invalid(
            node,
            _(
                "“${slot}” is not a time slot such as 09:00-10:00, or it overlaps another.",
                mapping={"slot": str(e)},
            ),
        ) from None
    if not found:
        raise colander.Invalid(node, _("Give at least one time slot."))


class ScheduleSchema(CSRFSchema):
    department = colander.SchemaNode(
        colander.String(),
        title=_("Department"),
        widget=department_widget,
        validator=department_validator,
    )
    slots = colander.SchemaNode(
        colander.String(),
        title=_("Time slots"),
        description=_(
            "Start and end in China's time, separated by spaces: 09:00-10:00 10:00-11:00"
        ),
        validator=colander.All(colander.Length(max=500), slots_validator),
        widget=TextInputWidget(),
    )
    capacity = colander.SchemaNode(
        colander.Int(),
        title=_("Places per slot"),
        validator=colander.Range(
            min=1, max=1000, min_err=_("At least 1."), max_err=_("At most 1000.")
        ),
    )


@view_config(
    context=AppointmentSlotsSection,
    renderer=TEMPLATE,
    permission=Permissions.MANAGE_APPOINTMENT_SLOTS,
)
class SlotsView(FormView):
    """The defaults, the departments' own schedules, and the form that sets one."""

    schema_class = ScheduleSchema
    formid = "schedule"
    title = _("Appointment slots")
    buttons = (deform.Button("submit", _("Save")),)

    def appstruct(self):
        plan = default_schedule(self.request.registry.settings)
        key = self.request.params.get("department", "")
        own = self.context.schedules.get(key) if isinstance(key, str) else None
        if own is not None:
            return {"department": key, "slots": " ".join(own["slots"]), "capacity": own["capacity"]}
        return {"slots": " ".join(plan.slots), "capacity": plan.capacity}

    def succeed(self, appstruct):
        key = appstruct["department"]
        if appstruct["capacity"] < 1:  # pragma: no cover - the range says so first
            raise FormError(_("At least 1."), field="capacity")
        now = get_clock(self.request.registry).now()
        self.context.put(
            key,
            parse_slots(appstruct["slots"]),
            appstruct["capacity"],
            actor_title_of(self.request),
            now,
        )
        detail = f"slots: {appstruct['slots']}; capacity: {appstruct['capacity']}"
        self.request.registry.notify(
            Audited(self.request, "settings.changed", f"appointments/{key}", detail)
        )
        return self.redirect(
            self.request.resource_url(self.context),
            _("The slots of the department are saved."),
        )

    def render(self, form, html):
        data = super().render(form, html)
        titles = dict(departments(self.request.root))
        data.update(
            default=default_schedule(self.request.registry.settings),
            schedules=[
                (key, titles.get(key, key), entry) for key, entry in self.context.schedules.items()
            ],
        )
        return data


@view_config(
    context=AppointmentSlotsSection,
    name="remove",
    request_method="POST",
    permission=Permissions.MANAGE_APPOINTMENT_SLOTS,
)
def remove_schedule(context, request):
    """Back to the default slots (the POST carries the CSRF token, checked before)."""
    key = request.POST.get("department", "")
    if isinstance(key, str) and key in context.schedules:
        context.remove(key)
        request.registry.notify(
            Audited(request, "settings.changed", f"appointments/{key}", "default slots again")
        )
        flash(request, _("The department offers the default slots again."))
    return HTTPFound(location=request.resource_url(context))
