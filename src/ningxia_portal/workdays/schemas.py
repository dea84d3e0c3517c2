"""Colander schemas of /manage/calendar: a date in a sane range, a kind, a short note."""

from datetime import date

import colander
import deform

from ningxia_portal.core.clock import get_clock
from ningxia_portal.i18n import _
from ningxia_portal.web.forms import CSRFSchema
from ningxia_portal.workdays.resources import HOLIDAY, KIND_TITLES, WORKDAY

NOTE_MIN, NOTE_MAX = 2, 100
YEARS_BACK, YEARS_AHEAD = 1, 5  # overrides from last year to five years ahead
KIND_CHOICES = (
    ("", _("Choose …")),
    (HOLIDAY, _("Day off: no work that day (a holiday, or a day off moved next to one)")),
    (WORKDAY, _("Working day: work that day (e.g. a make-up working day on a weekend)")),
)


def strip(value):
    return value.strip() if isinstance(value, str) else value


def date_range(today):
    """The dates an override may name: from last January to five years ahead."""
    return date(today.year - YEARS_BACK, 1, 1), date(today.year + YEARS_AHEAD, 12, 31)


@colander.deferred
def deferred_date_validator(node, kw):
    first, last = date_range(get_clock(kw["request"].registry).today())

    def validate(node, value):
        if not first <= value <= last:
            raise colander.Invalid(
                node,
                _(
                    "Choose a date from ${first} to ${last}.",
                    mapping={"first": first.isoformat(), "last": last.isoformat()},
                ),
            )

    return validate


def kind_node():
    return colander.SchemaNode(
        colander.String(),
        name="kind",
        title=_("The day becomes"),
        widget=deform.widget.SelectWidget(values=KIND_CHOICES),
        validator=colander.OneOf(
            tuple(KIND_TITLES), msg_err=_("Choose whether the day is worked or a day off.")
        ),
        missing_msg=_("Choose whether the day is worked or a day off."),
    )


def note_node():
    return colander.SchemaNode(
        colander.String(),
        name="note",
        title=_("Note"),
        description=_("Why: e.g. the State Council's notice on the holidays of 2027."),
        preparer=strip,
        validator=colander.Length(
            min=NOTE_MIN,
            max=NOTE_MAX,
            min_err=_("Write a note of at least ${min} characters."),
            max_err=_("The note may have at most ${max} characters."),
        ),
        missing_msg=_("Write a note: why the day changes."),
    )


class OverrideSchema(CSRFSchema):
    """A new override: the date, what it becomes, why."""

    day = colander.SchemaNode(
        colander.Date(),
        title=_("Date"),
        widget=deform.widget.DateInputWidget(),
        validator=deferred_date_validator,
        missing_msg=_("Enter a date."),
    )
    kind = kind_node()
    note = note_node()


class OverrideEditSchema(CSRFSchema):
    """An override's kind and note (its date is its address)."""

    kind = kind_node()
    note = note_node()
