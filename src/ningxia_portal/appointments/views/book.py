"""``/appointments/new``: book an appointment; ``…/<item>/appointment`` leads there prefilled.

The department choices follow the center and the items and slots follow the department.
Without JavaScript the form's 刷新选项 button posts it back and it comes again with the
narrower choices and every value kept; with it (``static/booking.js``) the choices are
fetched from ``/appointments/options`` as they change.
"""

import colander
import deform
from pyramid.httpexceptions import HTTPForbidden, HTTPSeeOther
from pyramid.view import view_config, view_defaults

from ningxia_portal.appointments import services
from ningxia_portal.appointments.resources import Appointments
from ningxia_portal.appointments.schemas import FIELDS, SLOT_FULL, Choices, booking_schema
from ningxia_portal.catalogue.choices import department_choices
from ningxia_portal.catalogue.resources import ServiceItem
from ningxia_portal.i18n import _
from ningxia_portal.indexing.catalog import catalog_versions
from ningxia_portal.security.permissions import ENTERPRISE, Permissions
from ningxia_portal.web.blankforms import BlankForms
from ningxia_portal.web.forms import Form, flash

TEMPLATE = "ningxia_portal:appointments/templates/book.jinja2"
REFRESH = "refresh"
BLANK_FORMS = BlankForms("appointment", 2000)  # the form as first shown (blank_form)
PERSONAL = ("contact", "phone", "email", "csrf_token")  # filled in per person
CATALOGUE_TYPES = ("Center", "Department", "ServiceItem")


def only_enterprises(request):
    """Admins may do everything, but only enterprises book."""
    if ENTERPRISE not in request.effective_principals:
        raise HTTPForbidden()


@view_defaults(context=Appointments, name="new", permission=Permissions.FILE, renderer=TEMPLATE)
class BookView:
    def __init__(self, context, request):
        self.context = context
        self.request = request
        only_enterprises(request)

    def form(self, choices):
        schema = booking_schema(choices, self.request.session.get_csrf_token())
        buttons = (
            deform.Button(REFRESH, _("Refresh choices"), css_class="btn btn-outline-secondary"),
            deform.Button("submit", _("Book"), css_class="btn btn-primary"),
        )
        return Form(schema, buttons=buttons, formid="appointment")

    def page(self, form_html, choices):
        return {"form": form_html, "choices": choices}

    def posted_values(self):
        post = self.request.POST
        return {k: post.get(k, "") if isinstance(post.get(k, ""), str) else "" for k in FIELDS}

    @view_config(request_method="GET")
    def get(self):
        user = self.request.identity
        values = {
            "contact": getattr(user, "contact", "") or "",
            "phone": getattr(user, "phone", "") or "",
            "email": getattr(user, "email", "") or "",
            "csrf_token": self.request.session.get_csrf_token(),
        }
        found = services.resolve_item_path(self.request.root, self.request.params.get("item"))
        if found is not None:
            values.update(zip(("center", "department", "item"), found, strict=True))
        else:
            for key in ("center", "department"):
                value = self.request.params.get(key, "")
                values[key] = value[:20] if isinstance(value, str) else ""
        choices = Choices(self.request, values)
        return self.page(self.blank_form(choices, values), choices)

    def blank_form(self, choices, values):
        """The form as first shown: rendered once per choice of center, department and item
        (and what its options and days depend on), with placeholders where each person's
        own values go; deform renders hundreds of options and a dozen templates per form."""
        request = self.request
        versions = catalog_versions(request.root, CATALOGUE_TYPES)
        calendar = request.work_calendar.key
        key = None
        if calendar is not None:
            plan = choices.schedule
            key = BLANK_FORMS.key(
                request,
                versions,
                calendar,
                choices.today,
                tuple(values.get(k, "") for k in ("center", "department", "item")),
                (plan.slots, plan.capacity) if plan is not None else None,
            )

        def render(placeholders):
            form = self.form(choices)
            form.cstruct = {**{k: values.get(k, "") for k in FIELDS}, **placeholders}
            return form.render(), None

        personal = {name: values.get(name, "") for name in PERSONAL}
        return BLANK_FORMS.show(key, render, personal)[0]

    @view_config(request_method="POST", request_param=REFRESH)
    def refresh(self):
        """刷新选项 without JavaScript: the narrower choices, every value kept, no message
        yet (a read: not one of the serialized writers)."""
        values = self.posted_values()
        choices = Choices(self.request, values)
        form = self.form(choices)
        form.cstruct = {**values, "csrf_token": self.request.session.get_csrf_token()}
        return self.page(form.render(), choices)

    @view_config(request_method="POST", serialized=True)
    def post(self):
        values = self.posted_values()
        choices = Choices(self.request, values)
        form = self.form(choices)
        try:
            appstruct = form.validate(self.request.POST.items())
        except deform.ValidationFailure as e:
            return self.page(e.render(), choices)
        try:
            appointment = services.book(
                self.request,
                choices.center,
                choices.department,
                choices.item,
                appstruct["day"],
                appstruct["slot"],
                appstruct,
            )
        except services.SlotFull:
            return self.page(self.slot_full(form), choices)
        flash(
            self.request,
            _(
                "Your appointment for ${date} ${slot} is booked; the department will reply.",
                mapping={"date": appointment.day.isoformat(), "slot": appointment.slot},
            ),
        )
        return HTTPSeeOther(self.request.resource_url(appointment))

    def slot_full(self, form):
        """The form again, saying the slot filled meanwhile, its places shown anew."""
        invalid = colander.Invalid(form.schema, None)
        invalid["slot"] = SLOT_FULL
        form.widget.handle_error(form, invalid)
        return deform.ValidationFailure(form, form.cstruct, invalid).render()


@view_config(context=Appointments, name="options", permission=Permissions.FILE, renderer="json")
def options(context, request):
    """The choices of the booking form for the posted center, department and day (JSON, for
    ``booking.js``): a center's departments, a department's items and slots with places."""
    only_enterprises(request)
    values = {k: request.params.get(k, "") for k in ("center", "department", "day")}
    values = {k: v if isinstance(v, str) else "" for k, v in values.items()}
    choices = Choices(request, values)
    return {
        "departments": department_choices(choices.center),
        "items": services.item_choices(choices.department),
        "slots": choices.slot_options(),
        "day_error": (
            request.localizer.translate(choices.bookable(choices.day))
            if choices.day is not None and choices.bookable(choices.day)
            else None
        ),
    }


@view_config(context=ServiceItem, name="appointment", permission=Permissions.VIEW)
def book_item(context, request):
    """在线预约 on an item page: the booking form with the item chosen (visitors log in
    first, as /appointments/new asks)."""
    root = request.root
    return HTTPSeeOther(
        request.resource_url(root["appointments"], "new", query={"item": context.item_key})
    )
