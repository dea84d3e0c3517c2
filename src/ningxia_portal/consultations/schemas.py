"""Colander schemas of the consultation forms: ask (网上咨询) and the staff's moves."""

import colander
from deform.widget import HiddenWidget, SelectWidget, TextAreaWidget, TextInputWidget

from ningxia_portal.accounts.schemas import printable, strip
from ningxia_portal.consultations.resources import (
    ANSWER_MAX,
    CONTENT_MAX,
    NAME_MAX,
    SUBJECT_MAX,
)
from ningxia_portal.filings.schemas import phone_validator
from ningxia_portal.i18n import _


def _length(max_length, empty=None):
    """At most ``max_length`` characters; with ``empty``, at least one (blanks are stripped
    before: a field of spaces is empty)."""
    return colander.Length(
        min=1 if empty else None,
        min_err=empty,
        max=max_length,
        max_err=_("At most ${max} characters.", mapping={"max": max_length}),
    )


def text_node(name, title, max_length, missing_msg, textarea=False, **kw):
    return colander.SchemaNode(
        colander.String(),
        name=name,
        title=title,
        preparer=strip,
        validator=colander.All(_length(max_length, missing_msg), printable),
        missing_msg=missing_msg,
        widget=TextAreaWidget(rows=6) if textarea else TextInputWidget(),
        **kw,
    )


def one_of(values, message):
    def validator(node, value):
        if value not in values:
            raise colander.Invalid(node, message)

    return validator


def department_belongs(centers):
    """The department must be one of the chosen center's (the message at the field)."""

    def validator(node, value):
        center = centers.get(value.get("center") or "")
        department = value.get("department") or ""
        if center is not None and department and department not in center:
            error = colander.Invalid(node)
            error["department"] = _("The department chosen is not one of this center's.")
            raise error

    return validator


def ask_schema(center_choices, department_choices, centers, csrf_token):
    """所属中心, 所属部门, 姓名, 联系电话, 咨询主题, 咨询内容. The department's choices are the
    chosen center's (the view passes them); the schema checks it belongs there."""
    schema = colander.SchemaNode(colander.Mapping(), validator=department_belongs(centers))
    schema.add(
        colander.SchemaNode(
            colander.String(), name="csrf_token", widget=HiddenWidget(), default=csrf_token
        )
    )
    schema.add(
        colander.SchemaNode(
            colander.String(),
            name="center",
            title=_("Center addressed"),
            validator=one_of(
                [code for code, _title in center_choices], _("Please choose a service center.")
            ),
            missing_msg=_("Please choose a service center."),
            widget=SelectWidget(values=center_choices, css_class="consultation-center"),
        )
    )
    schema.add(
        colander.SchemaNode(
            colander.String(),
            name="department",
            title=_("Department addressed"),
            missing_msg=_("Please choose a department."),
            widget=SelectWidget(
                values=[("", _("Please choose"))] + list(department_choices),
                css_class="consultation-department",
            ),
        )
    )
    schema.add(text_node("name", _("Your name"), NAME_MAX, _("Please enter your name.")))
    schema.add(
        colander.SchemaNode(
            colander.String(),
            name="phone",
            title=_("Contact phone"),
            preparer=strip,
            validator=phone_validator,
            missing_msg=_("Please enter a phone number."),
            widget=TextInputWidget(attributes={"inputmode": "tel", "autocomplete": "tel"}),
        )
    )
    schema.add(text_node("subject", _("Subject"), SUBJECT_MAX, _("Please enter the subject.")))
    schema.add(
        text_node(
            "content",
            _("Question"),
            CONTENT_MAX,
            _("Please enter your question."),
            textarea=True,
        )
    )
    return schema


def transition_schema(transition, revision, csrf_token):
    """A staff move: the answer (required for ``answer``) or a comment, and the revision."""
    schema = colander.SchemaNode(colander.Mapping())
    schema.add(
        colander.SchemaNode(
            colander.String(), name="csrf_token", widget=HiddenWidget(), default=csrf_token
        )
    )
    schema.add(
        colander.SchemaNode(
            colander.Int(), name="revision", widget=HiddenWidget(), default=revision
        )
    )
    answering = transition.name == "answer"
    schema.add(
        colander.SchemaNode(
            colander.String(),
            name="comment",
            title=_("Answer") if answering else _("Comment"),
            preparer=strip,
            missing=colander.required if answering else "",
            missing_msg=_("Please write the answer."),
            validator=colander.All(
                _length(ANSWER_MAX, _("Please write the answer.")) if answering else _length(500),
                printable,
            ),
            widget=TextAreaWidget(rows=6 if answering else 2),
        )
    )
    return schema
