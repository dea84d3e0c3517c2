"""Colander schemas of the consultation forms: ask (网上咨询) and the staff's moves."""

import colander
from deform.widget import SelectWidget, TextAreaWidget, TextInputWidget

from ningxia_portal.accounts.schemas import printable
from ningxia_portal.consultations.resources import (
    ANSWER_MAX,
    CONTENT_MAX,
    NAME_MAX,
    SUBJECT_MAX,
)
from ningxia_portal.i18n import _
from ningxia_portal.web.schemas import (
    comment_node,
    csrf_node,
    one_of,
    phone_node,
    revision_node,
)
from ningxia_portal.web.schemas import (
    text_node as required_text,
)


def text_node(name, title, max_length, missing_msg, textarea=False, **kw):
    """A required text of printable characters (a textarea for the question)."""
    widget = TextAreaWidget(rows=6) if textarea else TextInputWidget()
    return required_text(
        name, title, max_length, missing_msg, validators=(printable,), widget=widget, **kw
    )


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
    schema.add(csrf_node(csrf_token))
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
    schema.add(phone_node(_("Contact phone"), _("Please enter a phone number.")))
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
    schema.add(csrf_node(csrf_token))
    schema.add(revision_node(revision))
    answering = transition.name == "answer"
    schema.add(
        comment_node(
            _("Answer") if answering else _("Comment"),
            required=answering,
            missing_msg=_("Please write the answer."),
            max_length=ANSWER_MAX if answering else 500,
            rows=6 if answering else 2,
            validators=(printable,),
        )
    )
    return schema
