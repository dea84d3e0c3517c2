"""Colander schemas of the complaint forms: 我要投诉, a handler's move, the rating."""

import colander
from deform import FileData
from deform.widget import (
    RadioChoiceWidget,
    SelectWidget,
    SequenceWidget,
    TextAreaWidget,
)

from ningxia_portal.accounts.schemas import printable
from ningxia_portal.catalogue.choices import department_choices as catalogue_choices
from ningxia_portal.complaints.workflow import SCORE_TITLES
from ningxia_portal.filings.uploads import CheckedFileUploadWidget
from ningxia_portal.i18n import _
from ningxia_portal.web.schemas import (
    at_most,
    comment_node,
    csrf_node,
    email_node,
    member_of,
    phone_node,
    revision_node,
    strip,
    text_node,
)

MAX_ATTACHMENTS = 5
SUBJECT_MAX = 100
CONTENT_MAX = 2000
NAME_MAX = 50
COMMENT_MAX = 2000


def max_attachments(settings):
    """Five attachments, or fewer if the filings' upload limit is lower."""
    return min(MAX_ATTACHMENTS, settings["portal.upload_max_files"])


def center_choices(centers, translate):
    """Every center (28), in the order of their division codes."""
    first = ("", translate(_("- choose -")))
    return [first] + [(code, c.title) for code, c in sorted(centers.items())]


def department_choices(center, translate):
    """The departments of the chosen center (none before one is chosen)."""
    if center is None:
        return [("", translate(_("- choose a city or county first -")))]
    return [("", translate(_("- choose -"))), *catalogue_choices(center)]


def complaint_schema(centers, center, tmpstore, settings, *, csrf_token, translate, defaults=None):
    """我要投诉: 市县, 所属部门, 发布人信息 (name, phone, email), subject, content, attachments.

    ``centers``: the ``/centers/`` folder; ``center``: the chosen one (its departments are
    the choices), or None.
    """
    defaults = defaults or {}
    schema = colander.SchemaNode(colander.Mapping())
    schema.add(csrf_node(csrf_token))
    schema.add(
        colander.SchemaNode(
            colander.String(),
            name="center",
            title=_("City or county"),
            validator=colander.OneOf(
                list(centers.keys()), msg_err=_("Please choose a city or county.")
            ),
            missing_msg=_("Please choose a city or county."),
            default=defaults.get("center", colander.null),
            widget=SelectWidget(values=center_choices(centers, translate)),
        )
    )
    schema.add(
        colander.SchemaNode(
            colander.String(),
            name="department",
            title=_("Department concerned"),
            description=_("The department the complaint is about; it does not handle it."),
            missing_msg=_("Please choose the department concerned."),
            validator=member_of(
                center, _("Please choose a department of the chosen city or county.")
            ),
            widget=SelectWidget(values=department_choices(center, translate)),
        )
    )
    person = colander.SchemaNode(
        colander.Mapping(), name="complainant", title=_("Complainant details")
    )
    person.add(
        text_node(
            "name",
            _("Name"),
            NAME_MAX,
            missing_msg=_("Please give your name."),
            default=defaults.get("name", colander.null),
        )
    )
    person.add(
        phone_node(
            _("Contact phone"),
            _("Please give a phone number."),
            default=defaults.get("phone", colander.null),
        )
    )
    person.add(email_node(_("Email"), default=defaults.get("email", colander.null)))
    schema.add(person)
    schema.add(
        text_node(
            "subject",
            _("Subject of the complaint"),
            SUBJECT_MAX,
            missing_msg=_("Please give the complaint a subject."),
            validators=(printable,),  # one line: it becomes the subject of a mail
        )
    )
    schema.add(
        text_node(
            "content",
            _("Content of the complaint"),
            CONTENT_MAX,
            widget=TextAreaWidget(rows=8),
            missing_msg=_("Please write what the complaint is about."),
            description=_("What happened, when and where, and what you ask for."),
        )
    )
    limit = max_attachments(settings)
    upload = colander.SchemaNode(
        FileData(),
        name="upload",
        title=_("File"),
        missing=colander.drop,
        widget=CheckedFileUploadWidget(tmpstore, settings["portal.upload_max_bytes"]),
    )
    schema.add(
        colander.SchemaNode(
            colander.Sequence(),
            upload,
            name="attachments",
            title=_("Attachments"),
            description=_("Up to ${n} files: PDF, JPEG, PNG, Word or Excel.", mapping={"n": limit}),
            missing=[],
            validator=colander.Length(
                max=limit,
                max_err=_("At most ${n} files may be attached.", mapping={"n": limit}),
            ),
            # Every slot shown at once: adding one takes deform's script, a form without
            # script still offers them all (an empty slot is left out).
            widget=SequenceWidget(
                min_len=limit,
                max_len=limit,
                add_subitem_text_template=_("Add another file"),
                orderable=False,
            ),
        )
    )
    return schema


def move_schema(transition, revision, *, csrf_token):
    """A handler's form for one transition: the comment (the reply text for ``reply``)."""
    schema = colander.SchemaNode(colander.Mapping())
    schema.add(csrf_node(csrf_token))
    schema.add(revision_node(revision))
    required = transition.comment_required
    schema.add(
        comment_node(
            _("Reply to the complainant") if required else _("Comment"),
            required=required,
            missing_msg=_("Please write the reply."),
            max_length=COMMENT_MAX,
            rows=4,
        )
    )
    return schema


def rating_schema(revision, *, csrf_token, translate):
    """The complainant's rating: a score and an optional comment."""
    schema = colander.SchemaNode(colander.Mapping())
    schema.add(csrf_node(csrf_token))
    schema.add(revision_node(revision))
    schema.add(
        colander.SchemaNode(
            colander.String(),
            name="score",
            title=_("How satisfied are you with the handling?"),
            validator=colander.OneOf(list(SCORE_TITLES), msg_err=_("Please choose a rating.")),
            missing_msg=_("Please choose a rating."),
            widget=RadioChoiceWidget(values=[(k, translate(v)) for k, v in SCORE_TITLES.items()]),
        )
    )
    schema.add(
        colander.SchemaNode(
            colander.String(),
            name="comment",
            title=_("Comment"),
            preparer=strip,
            missing="",
            validator=at_most(COMMENT_MAX),
            widget=TextAreaWidget(rows=3),
        )
    )
    return schema
