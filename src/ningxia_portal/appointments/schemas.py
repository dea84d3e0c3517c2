"""Colander schemas of the appointment forms.

The booking form is built per request: its choices follow the posted center and department
(a center's departments, a department's items and slots), and each field's validator reads
the other posted values (``posted``), so that every wrong field gets its message at once.
"""

from datetime import date

import colander
from deform.widget import HiddenWidget, SelectWidget, TextAreaWidget, TextInputWidget
from markupsafe import Markup

from ningxia_portal.appointments import services, slots
from ningxia_portal.catalogue.choices import department_choices
from ningxia_portal.core.clock import get_clock
from ningxia_portal.i18n import _
from ningxia_portal.web.options import options_html
from ningxia_portal.web.schemas import at_most, csrf_node, phone_validator, revision_node, strip

CONTACT_MAX = 50
CONTENT_MAX = 500
REPLY_MAX = 1000
FIELDS = ("contact", "phone", "email", "center", "department", "item", "day", "slot", "content")

SLOT_FULL = _(
    "This slot is fully booked (perhaps just now, while you filled in the form): "
    "please choose another slot or day."
)


def _text(
    name,
    title,
    max_length,
    widget=None,
    missing=colander.required,
    validator=None,
    missing_msg=None,
):
    length = limit(max_length)
    return colander.SchemaNode(
        colander.String(),
        name=name,
        title=title,
        missing=missing,
        missing_msg=missing_msg or _("Required"),
        validator=colander.All(length, validator) if validator else length,
        widget=widget or TextInputWidget(),
        preparer=strip,
    )


def limit(max_length):
    """At most ``max_length`` characters, in the booking forms' own wording."""
    return at_most(max_length, _("At most ${n} characters.", mapping={"n": max_length}))


def choice_node(name, title, missing_msg, validator, options, css_class):
    """A select of the booking form, its options computed only when it is rendered."""
    return colander.SchemaNode(
        colander.String(),
        name=name,
        title=title,
        missing_msg=missing_msg,
        validator=validator,
        widget=ChoiceWidget(values=LazyOptions(options), css_class=css_class),
    )


class LazyOptions:
    """Options computed when the form is rendered, not when a booking is validated (the
    validators read the tree themselves): a successful booking never lists them."""

    def __init__(self, compute):
        self.compute = compute

    def __iter__(self):
        return iter(self.compute())


class ChoiceWidget(SelectWidget):
    """A select rendered in one pass (``web/options.py``) instead of deform's template,
    which costs a template expression per option: the booking form's centers, departments
    and items are hundreds of options on every view of the form."""

    def serialize(self, field, cstruct, **kw):
        if cstruct in (colander.null, None):
            cstruct = ""
        css = self.error_class if field.error else self.css_class
        if field.required:
            head = Markup('<select name="{}" id="{}" class="form-select {}" required="required">')
        else:
            head = Markup('<select name="{}" id="{}" class="form-select {}">')
        head = head.format(field.name, field.oid, css or "")
        return head + options_html(self.values, cstruct) + Markup("</select>")


class Choices:
    """The posted (or prefilled) choices and what the tree offers for them."""

    def __init__(self, request, values):
        self.request = request
        root = request.root
        self.values = values
        self.center = services.center_of(root, values.get("center"))
        self.department = services.department_of(self.center, values.get("department"))
        self.item = services.item_of(self.department, values.get("item"))
        self.today = get_clock(request.registry).today()
        self.calendar = request.work_calendar
        self.settings = request.registry.settings
        self.day = parse_day(values.get("day"))
        key = self.department.department_key if self.department is not None else None
        self.schedule = services.schedule(request, key) if key else None
        self.left = (
            services.remaining(request, key, self.day)
            if key and self.day is not None and self.bookable(self.day) is None
            else None
        )

    def bookable(self, day):
        """None, or why ``day`` may not be booked."""
        if day < slots.first_day(self.today):
            return _("Please choose a day from tomorrow on.")
        last = slots.last_day(self.today, self.settings)
        if day > last:
            return _(
                "Appointments may be made up to ${n} days ahead (until ${date}).",
                mapping={"n": self.settings["portal.appointment_days"], "date": last.isoformat()},
            )
        if not self.calendar.is_working_day(day):
            return _(
                "${date} is not a working day: please choose a working day.",
                mapping={"date": day.isoformat()},
            )
        return None

    def slot_options(self):
        if self.schedule is None:
            return []
        out = []
        for s in self.schedule.slots:
            if self.left is None:
                label = s
            elif self.left[s]:
                label = self.request.localizer.translate(
                    _("${slot} (${n} places left)", mapping={"slot": s, "n": self.left[s]})
                )
            else:
                label = self.request.localizer.translate(
                    _("${slot} (fully booked)", mapping={"slot": s})
                )
            out.append((s, label))
        return out


def parse_day(value):
    try:
        return date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def booking_schema(choices, csrf_token):
    """The booking form, its selects narrowed to the chosen center and department."""
    c = choices
    pick = ("", "")

    def none_first(options, hint):
        return [("", c.request.localizer.translate(hint)), *options] if options else [pick]

    def center_ok(node, value):
        if c.center is None:
            raise colander.Invalid(node, _("Please choose a service center."))

    def department_ok(node, value):
        if c.center is not None and c.department is None:
            raise colander.Invalid(
                node, _("Please choose a department of the chosen service center.")
            )

    def item_ok(node, value):
        if c.department is not None and c.item is None:
            raise colander.Invalid(node, _("Please choose an item of the chosen department."))

    def day_ok(node, value):
        why = c.bookable(value)
        if why:
            raise colander.Invalid(node, why)

    def slot_ok(node, value):
        if c.schedule is None:
            return  # the department's message says what to choose first
        if not c.schedule.offers(value):
            raise colander.Invalid(node, _("Please choose one of the department's time slots."))
        if c.left is not None and not c.left.get(value):
            raise colander.Invalid(node, SLOT_FULL)

    days = slots.bookable_days(c.today, c.settings, c.calendar)
    schema = colander.SchemaNode(colander.Mapping())
    schema.add(csrf_node(csrf_token))
    schema.add(
        _text("contact", _("Booked by"), CONTACT_MAX, missing_msg=_("Please give who will come."))
    )
    schema.add(
        _text(
            "phone",
            _("Contact phone"),
            30,
            validator=phone_validator,
            missing_msg=_("Please give a contact phone."),
        )
    )
    schema.add(
        _text(
            "email",
            _("Email"),
            254,
            missing="",
            validator=colander.Email(msg=_("Enter a valid email address.")),
        )
    )
    schema.add(
        choice_node(
            "center",
            _("Appointment center"),
            _("Please choose a service center."),
            center_ok,
            lambda: none_first(services.center_choices(c.request.root), _("Choose a center")),
            "form-select appointment-center",
        )
    )
    schema.add(
        choice_node(
            "department",
            _("Appointment department"),
            _("Please choose a department of the chosen service center."),
            department_ok,
            lambda: none_first(department_choices(c.center), _("Choose a department")),
            "form-select appointment-department",
        )
    )
    schema.add(
        choice_node(
            "item",
            _("Appointment item"),
            _("Please choose an item of the chosen department."),
            item_ok,
            lambda: none_first(services.item_choices(c.department), _("Choose an item")),
            "form-select appointment-item",
        )
    )
    schema.add(
        colander.SchemaNode(
            colander.Date(),
            name="day",
            title=_("Appointment time"),
            description=_(
                "A working day from tomorrow through the next ${n} days.",
                mapping={"n": c.settings["portal.appointment_days"]},
            ),
            missing_msg=_("Please choose the day."),
            validator=day_ok,
            widget=TextInputWidget(
                attributes={
                    "type": "date",
                    "min": days[0].isoformat() if days else "",
                    "max": days[-1].isoformat() if days else "",
                    "class": "form-control appointment-day",
                }
            ),
        )
    )
    schema.add(
        choice_node(
            "slot",
            _("Time slot"),
            _("Please choose a time slot."),
            slot_ok,
            lambda: none_first(c.slot_options(), _("Choose a time slot")),
            "form-select appointment-slot",
        )
    )
    schema.add(
        _text(
            "content",
            _("Appointment content"),
            CONTENT_MAX,
            widget=TextAreaWidget(rows=4),
            missing_msg=_("Please say what the appointment is for."),
        )
    )
    return schema


def transition_schema(transition, revision, csrf_token):
    """A staff or owner move: the reply (预约回复; required to decline), the revision."""
    schema = colander.SchemaNode(colander.Mapping())
    schema.add(csrf_node(csrf_token))
    schema.add(revision_node(revision))
    if transition.name in ("approve", "decline"):
        schema.add(
            colander.SchemaNode(
                colander.String(),
                name="comment",
                title=_("Appointment reply"),
                missing=colander.required if transition.comment_required else "",
                missing_msg=_("Please give the reply."),
                validator=limit(REPLY_MAX),
                widget=TextAreaWidget(rows=3),
            )
        )
    else:
        schema.add(
            colander.SchemaNode(
                colander.String(), name="comment", missing="", widget=HiddenWidget()
            )
        )
    return schema
