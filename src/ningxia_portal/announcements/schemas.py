"""The editors' forms: colander schemas bound to the request (scopes, limits, CSRF)."""

import colander
import deform
from pyramid.authorization import Authenticated
from pyramid_zodbconn import get_connection
from ZODB.interfaces import IBlobStorage

from ningxia_portal.announcements.files import (
    ALLOWED_EXTENSIONS,
    FileRejected,
    check_upload,
    measure,
)
from ningxia_portal.announcements.resources import CATEGORIES, REGION_WIDE, center_editor
from ningxia_portal.announcements.richtext import markdown_problem
from ningxia_portal.core.root import root_factory
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import ADMIN, EDITOR
from ningxia_portal.web.forms import CSRFSchema
from ningxia_portal.web.xmltext import no_control_characters

UPLOAD_SLOTS = 3


def blobs_supported(request):
    """Whether the database can store files (memory:// can't; FileStorage with blobs can)."""
    return IBlobStorage.providedBy(get_connection(request).db().storage)


class RequestTmpStore(dict):
    """Deform's upload store for one request only.

    Files are not kept between requests (a shared temporary store would have to follow
    the request to whichever server handles it): after an error or a preview the form
    asks for them again instead of pretending to still hold them.
    """

    def preview_url(self, uid):
        return None


def scope_choices(request):
    """[(value, label)] of the scopes the current user may publish announcements in.

    Portal editors and admins: the whole region and every center. A center's editor
    (``editor@640100``): that center only.
    """
    principals = set(request.effective_principals)
    if Authenticated not in principals:
        return []
    centers = root_factory(request).get("centers")
    everything = bool(principals & {ADMIN, EDITOR})
    translate = request.localizer.translate
    choices = [(REGION_WIDE, translate(_("Whole region")))] if everything else []
    for code in centers or ():
        if everything or center_editor(code) in principals:
            choices.append((code, f"{centers[code].title} ({code})"))
    return choices


@colander.deferred
def _scope_widget(node, kw):
    return deform.widget.SelectWidget(values=scope_choices(kw["request"]))


@colander.deferred
def _scope_validator(node, kw):
    allowed = [value for value, _label in scope_choices(kw["request"])]
    return colander.OneOf(allowed)


def _upload_validator(node, value):
    request = node.bindings["request"]
    fp = value.get("fp")
    if fp is None:
        return
    if not blobs_supported(request):
        raise colander.Invalid(node, _("This server's storage cannot keep attachments."))
    max_bytes = request.registry.settings["portal.attachment_max_bytes"]
    try:
        name, kind = check_upload(value.get("filename"), fp, measure(fp), max_bytes)
    except FileRejected as exc:
        raise colander.Invalid(node, exc.message) from None
    value["clean_name"] = name
    value["kind"] = kind


def _markdown_validator(node, value):
    """The body, bounded in size and in what converting it may cost (on preview and on
    save alike: both validate the form first)."""
    max_chars = node.bindings["request"].registry.settings["portal.markdown_max_chars"]
    problem = markdown_problem(value, max_chars)
    if problem is not None:
        raise colander.Invalid(node, problem)


@colander.deferred
def _upload_widget(node, kw):
    return deform.widget.FileUploadWidget(kw["tmpstore"], accept=",".join(ALLOWED_EXTENSIONS))


class AnnouncementSchema(CSRFSchema):
    title = colander.SchemaNode(
        colander.String(),
        title=_("Title"),
        validator=colander.All(colander.Length(min=2, max=200), no_control_characters),
    )
    category = colander.SchemaNode(
        colander.String(),
        title=_("Category"),
        widget=deform.widget.SelectWidget(values=[(c, c) for c in CATEGORIES]),
        validator=colander.OneOf(CATEGORIES),
    )
    scope = colander.SchemaNode(
        colander.String(),
        title=_("Scope"),
        description=_("The whole region, or the one service center it concerns."),
        widget=_scope_widget,
        validator=_scope_validator,
    )
    summary = colander.SchemaNode(
        colander.String(),
        title=_("Summary"),
        description=_("One or two sentences shown in lists, the feed and the home page."),
        widget=deform.widget.TextAreaWidget(rows=3),
        validator=colander.All(colander.Length(min=2, max=500), no_control_characters),
    )
    body = colander.SchemaNode(
        colander.String(),
        title=_("Body"),
        description=_(
            "Markdown: **bold**, *italic*, lists starting with - or 1., "
            "[link text](https://…), tables with |. Use Preview to check the result."
        ),
        widget=deform.widget.TextAreaWidget(rows=18),
        validator=colander.All(colander.Length(min=2), _markdown_validator),
    )
    publication_date = colander.SchemaNode(
        colander.Date(),
        title=_("Publication date"),
        description=_("Leave empty to use the day it is published."),
        widget=deform.widget.DateInputWidget(),
        missing=None,
    )


def _upload_node(index):
    return colander.SchemaNode(
        deform.FileData(),
        name=f"attachment_{index}",
        title=_("Attachment ${n}", mapping={"n": index}),
        description=_("PDF, Word, Excel or an image.") if index == 1 else "",
        widget=_upload_widget,
        validator=_upload_validator,
        missing=colander.null,
    )


def announcement_schema(request, context=None, existing=()):
    """The add form (``existing`` empty) or the edit form (with attachments to remove)."""
    schema = AnnouncementSchema()
    for index in range(1, UPLOAD_SLOTS + 1):
        schema.add(_upload_node(index))
    if existing:
        schema.add(
            colander.SchemaNode(
                colander.Set(),
                name="remove_attachments",
                title=_("Remove attachments"),
                widget=deform.widget.CheckboxChoiceWidget(
                    values=[(a.__name__, a.filename) for a in existing]
                ),
                validator=colander.ContainsOnly([a.__name__ for a in existing]),
                missing=(),
            )
        )
    return schema.bind(request=request, context=context, tmpstore=RequestTmpStore())


@colander.deferred
def _deferred_revision(node, kw):
    return kw["context"].revision


class TransitionSchema(CSRFSchema):
    # The announcement's revision when the page was shown: a move after someone else's
    # (or an edit) is refused instead of publishing what the editor never saw.
    revision = colander.SchemaNode(
        colander.Int(), widget=deform.widget.HiddenWidget(), default=_deferred_revision
    )
    comment = colander.SchemaNode(
        colander.String(),
        title=_("Comment"),
        description=_("Required when sending back or retracting: say why."),
        widget=deform.widget.TextAreaWidget(rows=2),
        validator=colander.Length(max=1000),
        missing="",
    )


def transition_schema(request, context):
    return TransitionSchema().bind(request=request, context=context)
