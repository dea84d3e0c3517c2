"""The statistics' filter: a range of receipt days or a year, a center, a department.

A GET form (its values are the page's address, so a CSV link or a bookmark keeps them),
built per request: the center choices are the viewer's (``scopes.ViewerScope``) and the
department choices the chosen center's within them.
"""

from datetime import date

import colander
import deform

from ningxia_portal.i18n import _

MAX_DAYS = 3 * 366  # a range of at most three years
YEARS_BACK = 10  # the years offered: this one and the ten before
BAD_DATE = _("Please enter a date such as 2026-01-31.")
END_BEFORE_START = _("The end date must not be before the start date.")
TOO_LONG = _("A range may cover at most three years.")
NOT_YOUR_CENTER = _("Please choose a service center whose statistics you may see.")
NOT_YOUR_DEPARTMENT = _("Please choose a department of the chosen center that you may see.")
NOT_A_YEAR = _("Please choose one of the years offered.")


class Day(colander.Date):
    """A date with our message when it isn't one."""

    err_template = BAD_DATE


def _date_node(name, title):
    return colander.SchemaNode(
        Day(),
        name=name,
        title=title,
        missing=None,
        widget=deform.widget.TextInputWidget(attributes={"type": "date"}),
    )


def _select(name, title, choices, message):
    values = [value for value, _title in choices]
    return colander.SchemaNode(
        colander.String(),
        name=name,
        title=title,
        missing="",
        validator=colander.OneOf(values, msg_err=message),
        widget=deform.widget.SelectWidget(values=choices, css_class="form-select"),
    )


def years(today):
    return [today.year - n for n in range(YEARS_BACK + 1)]


def filter_schema(scope, center_titles, department_titles, today, by_year):
    """The filter's schema: ``by_year`` pages (per month of a year) ask for a year only;
    the others for a range of days, or a whole year instead."""
    schema = colander.SchemaNode(colander.Mapping(), name="filter", title="")
    year_choices = [(str(y), str(y)) for y in years(today)]
    if by_year:
        schema.add(_select("year", _("Year"), year_choices, NOT_A_YEAR))
    else:
        schema.add(_date_node("start", _("From (received)")))
        schema.add(_date_node("end", _("To (received)")))
        schema.add(
            _select(
                "year", _("Or a whole year"), [("", _("Date range"))] + year_choices, NOT_A_YEAR
            )
        )
    if scope.filters_places:
        schema.add(
            _select(
                "center",
                _("Service center"),
                [("", _("All my centers"))] + center_titles,
                NOT_YOUR_CENTER,
            )
        )
        schema.add(
            _select(
                "department",
                _("Department"),
                [("", _("All departments"))] + department_titles,
                NOT_YOUR_DEPARTMENT,
            )
        )
    if not by_year:

        def range_ok(node, value):
            if value.get("year"):
                return
            start, end, _year = period(value, today, by_year)
            if end < start:
                invalid = colander.Invalid(node)
                invalid["end"] = END_BEFORE_START
                raise invalid
            if (end - start).days >= MAX_DAYS:
                invalid = colander.Invalid(node)
                invalid["end"] = TOO_LONG
                raise invalid

        schema.validator = range_ok
    return schema


def period(values, today, by_year):
    """(start, end, year) that the validated ``values`` choose: a year's whole range (to
    today for this year), else the range given, each end defaulting to this year's start
    and today."""
    year = int(values["year"]) if values.get("year") else None
    if by_year:
        year = year or today.year
        return date(year, 1, 1), min(date(year, 12, 31), today), year
    if year:
        return date(year, 1, 1), min(date(year, 12, 31), today), year
    end = values.get("end") or today
    start = values.get("start") or date(end.year, 1, 1)
    return start, end, None
