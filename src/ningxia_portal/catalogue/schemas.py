"""Colander schemas of the catalogue: the search's query parameters and the management forms."""

import re

import colander
import deform
from pyramid.csrf import get_csrf_token

from ningxia_portal.catalogue.resources import (
    DEPTHS,
    GROUPS,
    ITEM_TYPES,
    LEVELS,
    MATERIAL_FORMS,
)
from ningxia_portal.i18n import _

LEVEL_TITLES = {
    "region": _("Autonomous region"),
    "city": _("City"),
    "county": _("County or district"),
}
PARENT_LEVEL = {"region": None, "city": "region", "county": "city"}


# --- search (GET: no CSRF) -------------------------------------------------------------


class PageNumber(colander.Int):
    """A page number: a positive whole number, with a message a visitor understands."""

    def deserialize(self, node, cstruct):
        try:
            value = super().deserialize(node, cstruct)
        except colander.Invalid:
            value = 0
        if value is not colander.null and value < 1:
            raise colander.Invalid(
                node, _("The page number must be a positive whole number: showing page 1.")
            )
        return value


@colander.deferred
def deferred_search_center(node, kw):
    from ningxia_portal.catalogue.region import find_center

    request = kw["request"]

    def validate(node, value):
        if find_center(request, value) is None:
            raise colander.Invalid(
                node,
                _(
                    '"${value}" is not a service center: showing all centers.',
                    mapping={"value": value[:40]},
                ),
            )

    return validate


def _choice(values, message):
    def validate(node, value):
        if value not in values:
            raise colander.Invalid(node, _(message, mapping={"value": value[:40]}))

    return validate


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class SearchSchema(colander.MappingSchema):
    q = colander.SchemaNode(
        colander.String(),
        missing="",
        preparer=_strip,
        validator=colander.Length(max=100, max_err=_("Keep the keyword under 100 characters.")),
    )
    center = colander.SchemaNode(colander.String(), missing="", validator=deferred_search_center)
    department = colander.SchemaNode(colander.String(), missing="")
    type = colander.SchemaNode(
        colander.String(),
        missing="",
        validator=_choice(GROUPS, _('"${value}" is not an item category: showing all categories.')),
    )
    depth = colander.SchemaNode(
        colander.String(),
        missing="",
        validator=_choice(DEPTHS, _('"${value}" is not a handling depth: showing every depth.')),
    )
    page = colander.SchemaNode(PageNumber(), missing=1)


# --- management forms (POST: CSRF token in every form) -----------------------------------


@colander.deferred
def deferred_csrf_token(node, kw):
    return get_csrf_token(kw["request"])


class CSRFSchema(colander.MappingSchema):
    """Pyramid checks this token on every POST before any view runs (``require_csrf``)."""

    csrf_token = colander.SchemaNode(
        colander.String(), widget=deform.widget.HiddenWidget(), default=deferred_csrf_token
    )


def _text(title, missing=colander.required, max_len=200, widget=None, **kw):
    """A stripped text field; ``missing=None`` makes it optional (empty string)."""
    kw.setdefault("validator", colander.Length(max=max_len))
    return colander.SchemaNode(
        colander.String(),
        title=title,
        missing="" if missing is None else missing,
        preparer=_strip,
        widget=widget,
        **kw,
    )


def _days(title, description=None):
    return colander.SchemaNode(
        colander.Int(),
        title=title,
        description=description,
        default=20,
        validator=colander.Range(
            0, 365, min_err=_("Must be 0 or more."), max_err=_("At most ${max} working days.")
        ),
    )


def _contact_nodes():
    return {
        "address": _text(_("Address"), missing=None),
        "phone": _text(_("Phone"), missing=None, max_len=50),
        "hours": _text(_("Opening hours"), missing=None),
    }


@colander.deferred
def deferred_new_center_code(node, kw):
    centers = kw["context"]

    def validate(node, value):
        if not re.fullmatch(r"64\d{4}", value):
            raise colander.Invalid(node, _("A Ningxia division code has six digits: 64xxxx."))
        if value in centers:
            raise colander.Invalid(node, _("A center with this code already exists."))

    return validate


@colander.deferred
def deferred_parent_widget(node, kw):
    centers = kw["context"]
    choices = [("", _("None (the autonomous region)"))]
    choices.extend(
        (c.code, f"{c.title}（{c.code}）")
        for c in centers.values()
        if c.level in ("region", "city")
    )
    return deform.widget.SelectWidget(values=choices)


@colander.deferred
def deferred_center_validator(node, kw):
    centers = kw["context"]

    def validate(form, value):
        wanted = PARENT_LEVEL[value["level"]]
        parent = centers.get(value["parent_code"]) if value["parent_code"] else None
        if wanted is None and value["parent_code"]:
            exc = colander.Invalid(form, _("The region's center has no parent."))
            exc["parent_code"] = _("The region's center has no parent.")
            raise exc
        if wanted is not None and (parent is None or parent.level != wanted):
            exc = colander.Invalid(form, _("Choose the parent center of the right level."))
            exc["parent_code"] = _("A city belongs to the region, a county to a city.")
            raise exc

    return validate


def _schema(*nodes, validator=None):
    """A form schema: the CSRF token, then ``nodes`` (name, node) in order."""
    schema = CSRFSchema(validator=validator)
    for name, node in nodes:
        node.name = name
        schema.add(node)
    return schema


def _contact():
    return [
        ("address", _text(_("Address"), missing=None)),
        ("phone", _text(_("Phone"), missing=None, max_len=50)),
        ("hours", _text(_("Opening hours"), missing=None)),
    ]


def center_schema(adding):
    """Add: code, name, level, parent and contact details; edit: name and contact details.

    A center's code (its URL name) and place in the hierarchy are fixed once created: every
    item's scope in the catalog depends on them.
    """
    nodes = []
    if adding:
        nodes.append(
            ("code", _text(_("Division code"), max_len=6, validator=deferred_new_center_code))
        )
    nodes.append(("title", _text(_("Name"), max_len=50)))
    if adding:
        levels = [(level, LEVEL_TITLES[level]) for level in LEVELS]
        nodes.append(
            (
                "level",
                colander.SchemaNode(
                    colander.String(),
                    title=_("Level"),
                    widget=deform.widget.SelectWidget(values=levels),
                    validator=colander.OneOf(LEVELS),
                ),
            )
        )
        nodes.append(
            (
                "parent_code",
                colander.SchemaNode(
                    colander.String(),
                    title=_("Parent center"),
                    missing="",
                    widget=deferred_parent_widget,
                ),
            )
        )
    nodes.extend(_contact())
    return _schema(*nodes, validator=deferred_center_validator if adding else None)


@colander.deferred
def deferred_new_department_name(node, kw):
    center = kw["context"]

    def validate(node, value):
        if not re.fullmatch(r"[a-z][a-z0-9-]{1,29}", value):
            raise colander.Invalid(
                node, _("Use 2–30 lower-case letters, digits or hyphens, starting with a letter.")
            )
        if value in center:
            raise colander.Invalid(node, _("This center already has a department with this name."))

    return validate


def department_schema(adding):
    nodes = []
    if adding:
        nodes.append(
            (
                "name",
                _text(
                    _("Short name in the address"),
                    max_len=30,
                    validator=deferred_new_department_name,
                    description=_("Lower-case letters, e.g. scjg for the market regulation bureau"),
                ),
            )
        )
    nodes.append(("title", _text(_("Name"), max_len=80)))
    nodes.extend(_contact())
    return _schema(*nodes)


def _select(title, values, default=None):
    return colander.SchemaNode(
        colander.String(),
        title=title,
        default=default if default is not None else colander.null,
        widget=deform.widget.SelectWidget(values=[(v, v) for v in values]),
        validator=colander.OneOf(values),
    )


class MaterialSchema(colander.MappingSchema):
    """One row of the materials list (申请材料)."""

    name = _text(_("Material"), max_len=200)
    required = colander.SchemaNode(
        colander.Boolean(), title=_("Required"), default=True, missing=False
    )
    copies = _text(_("Copies"), max_len=50, default="原件1份")
    form = _select(_("Form"), MATERIAL_FORMS, default=MATERIAL_FORMS[-1])
    notes = _text(_("Notes"), missing=None, max_len=500)


class MaterialsSchema(colander.SequenceSchema):
    material = MaterialSchema(title=_("Material"))


def validate_item(form, value):
    """The promised time limit can't exceed the statutory one."""
    if value["statutory_days"] and value["promised_days"] > value["statutory_days"]:
        exc = colander.Invalid(form, _("The promised time limit exceeds the statutory one."))
        exc["promised_days"] = _("At most the statutory time limit.")
        raise exc


@colander.deferred
def deferred_item_code(node, kw):
    context = kw["context"]
    adding = kw.get("adding", False)

    def validate(node, value):
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9-]{1,59}", value):
            raise colander.Invalid(node, _("Use letters, digits and hyphens, e.g. XK-SCJG-001."))
        if adding and item_name(value) in context:
            raise colander.Invalid(node, _("This department already has an item with this code."))

    return validate


def item_name(code):
    """The URL name of a new item: its code in lower case."""
    return code.strip().lower()


def item_schema():
    textarea = deform.widget.TextAreaWidget(rows=4)
    nodes = [
        ("code", _text(_("Item code"), max_len=60, validator=deferred_item_code)),
        ("title", _text(_("Item name"), max_len=100)),
        ("item_type", _select(_("Item type"), ITEM_TYPES)),
        ("legal_basis", _text(_("Legal basis"), missing=None, max_len=5000, widget=textarea)),
        (
            "conditions",
            _text(_("Acceptance conditions"), missing=None, max_len=5000, widget=textarea),
        ),
        (
            "statutory_days",
            _days(_("Statutory time limit"), _("Working days; 0 means on the spot")),
        ),
        ("promised_days", _days(_("Promised time limit"), _("Working days; 0 means on the spot"))),
        ("fee", _text(_("Fee"), max_len=200, default="不收费")),
        ("fee_basis", _text(_("Fee basis"), missing=None, max_len=500)),
        (
            "visits",
            colander.SchemaNode(
                colander.Int(),
                title=_("Visits to the hall"),
                default=0,
                validator=colander.Range(0, 10),
            ),
        ),
        ("depth", _select(_("Online handling depth"), DEPTHS)),
        (
            "materials",
            MaterialsSchema(
                title=_("Application materials"),
                missing=(),
                widget=deform.widget.SequenceWidget(orderable=True),
            ),
        ),
    ]
    return _schema(*nodes, validator=validate_item)
