"""Editors' views: add, edit (attachments added and removed), transitions, the drafts desk."""

import secrets
import shutil

import colander
import deform
from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config, view_defaults
from ZODB.blob import Blob

from ningxia_portal.announcements.queries import MANAGE_STATES, AnnouncementSearch
from ningxia_portal.announcements.resources import (
    REGION_WIDE,
    Announcement,
    Announcements,
    Attachment,
)
from ningxia_portal.announcements.richtext import html_to_text, markdown_to_html, render_safe
from ningxia_portal.announcements.schemas import (
    UPLOAD_SLOTS,
    announcement_schema,
    transition_schema,
)
from ningxia_portal.announcements.workflow import STATE_TITLES, announcement_workflow
from ningxia_portal.core.clock import get_clock, local_date
from ningxia_portal.core.events import ObjectModified
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.web.forms import Form, flash
from ningxia_portal.web.paging import Page
from ningxia_portal.workflow import WorkflowError, actor_of

EDITABLE = ("title", "category", "scope", "summary", "body", "publication_date")


def _form(schema, buttons):
    return Form(schema, buttons=buttons, formid="announcement", use_ajax=False)


def _buttons(request):
    translate = request.localizer.translate
    return (
        deform.Button("save", translate(_("Save"))),
        deform.Button("preview", translate(_("Preview")), css_class="btn btn-secondary"),
    )


def _store_attachments(announcement, appstruct, request, now):
    actor = actor_of(request)
    added = []
    for index in range(1, UPLOAD_SLOTS + 1):
        upload = appstruct.get(f"attachment_{index}")
        if not upload or upload.get("fp") is None:
            continue
        blob = Blob()
        upload["fp"].seek(0)
        with blob.open("w") as out:
            shutil.copyfileobj(upload["fp"], out)
        kind = upload["kind"]
        size = upload["fp"].tell()
        att = Attachment(upload["clean_name"], kind.content_type, size, blob, now, actor)
        announcement.add_attachment(att)
        added.append(att.filename)
    return added


def _apply_fields(announcement, appstruct):
    """Copy the form's fields; return the names whose value changed."""
    changed = []
    for name in EDITABLE:
        value = appstruct[name]
        if name == "scope":
            value = "" if value == REGION_WIDE else value
        if getattr(announcement, name) != value:
            setattr(announcement, name, value)
            changed.append(name)
    if "body" in changed:
        announcement.body_html = markdown_to_html(announcement.body)
        announcement.body_text = html_to_text(announcement.body_html)
    return changed


class _FormView:
    """Render, validate, preview: the parts the add and edit views share (Kotti style)."""

    template = "templates/form.jinja2"

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def respond(self, form, rendered, heading, preview=None, uploads_dropped=False):
        return {
            "form": rendered,
            "heading": heading,
            "preview": preview,
            "uploads_dropped": uploads_dropped,
            "resources": form.get_widget_resources(),
        }

    def handle(self, form, heading, save):
        request = self.request
        if request.method != "POST":
            return self.respond(form, form.render(self.initial()), heading)
        chosen = any(getattr(v, "filename", None) for v in request.POST.values())
        try:
            appstruct = form.validate(request.POST.items())
        except deform.ValidationFailure as failure:
            for index in range(1, UPLOAD_SLOTS + 1):
                failure.field[f"attachment_{index}"].cstruct = colander.null
            return self.respond(form, failure.render(), heading, uploads_dropped=chosen)
        if "preview" in request.POST:
            preview = render_safe(markdown_to_html(appstruct["body"]))
            for index in range(1, UPLOAD_SLOTS + 1):
                appstruct[f"attachment_{index}"] = colander.null
            rendered = form.render(appstruct)
            return self.respond(form, rendered, heading, preview=preview, uploads_dropped=chosen)
        return save(appstruct)

    def initial(self):
        return {}


@view_defaults(renderer="templates/form.jinja2")
class AddAnnouncement(_FormView):
    @view_config(context=Announcements, name="add", permission=Permissions.ADD_ANNOUNCEMENT)
    def __call__(self):
        schema = announcement_schema(self.request, self.context)
        form = _form(schema, _buttons(self.request))
        return self.handle(form, _("New announcement"), self.save)

    def save(self, appstruct):
        request = self.request
        now = get_clock(request.registry).now()
        a = Announcement("", "", "", "", "", author=actor_of(request), created=now)
        _apply_fields(a, appstruct)
        announcement_workflow.initialize(a)
        self.context.add(self.new_name(now), a)
        added = _store_attachments(a, appstruct, request, now)
        a.record_change(now, actor_of(request), ("created",), " ".join(f"+{n}" for n in added))
        request.registry.notify(ObjectModified(a))
        flash(request, _("The draft was saved."))
        return HTTPFound(request.resource_url(a))

    def new_name(self, now):
        while True:
            name = f"{local_date(now):%Y%m%d}-{secrets.token_hex(3)}"
            if name not in self.context:
                return name


@view_defaults(renderer="templates/form.jinja2")
class EditAnnouncement(_FormView):
    @view_config(context=Announcement, name="edit", permission=Permissions.EDIT_ANNOUNCEMENT)
    def __call__(self):
        schema = announcement_schema(
            self.request, self.context, existing=self.context.attachments()
        )
        form = _form(schema, _buttons(self.request))
        return self.handle(form, _("Edit announcement"), self.save)

    def initial(self):
        a = self.context
        values = {name: getattr(a, name) for name in EDITABLE}
        values["scope"] = a.scope or REGION_WIDE
        return values

    def save(self, appstruct):
        request = self.request
        a = self.context
        now = get_clock(request.registry).now()
        changed = _apply_fields(a, appstruct)
        removed = []
        for key in appstruct.get("remove_attachments", ()):
            removed.append(a.remove_attachment(key).filename)
        added = _store_attachments(a, appstruct, request, now)
        note = " ".join([*(f"+{n}" for n in added), *(f"−{n}" for n in removed)])
        if note:
            changed.append("attachments")
        if changed:
            announcement_workflow.apply_acl(a)  # the scope decides who may edit
            a.record_change(now, actor_of(request), changed, note)
            request.registry.notify(ObjectModified(a))
            flash(request, _("Changes saved."))
        else:
            flash(request, _("Nothing was changed."))
        if request.has_permission(Permissions.VIEW, a):
            return HTTPFound(request.resource_url(a))
        return HTTPFound(request.resource_url(a.__parent__, "@@manage"))


def transition_form(announcement, request):
    """The comment box and one button per transition the user may take, or None."""
    allowed = announcement_workflow.allowed(announcement, request)
    if not allowed:
        return None
    translate = request.localizer.translate
    form = Form(
        transition_schema(request, announcement),
        action=request.resource_url(announcement, "@@transition"),
        buttons=[deform.Button(t.name, translate(t.title)) for t in allowed],
        formid="transition",
    )
    return form.render()


@view_config(
    context=Announcement,
    name="transition",
    request_method="POST",
    permission=Permissions.EDIT_ANNOUNCEMENT,
)
def do_transition(context, request):
    """Take the transition whose button was pressed; say what happened on the page."""
    names = [t.name for t in announcement_workflow.transitions if t.name in request.POST]
    comment = request.POST.get("comment", "")[:1000]
    if not names:
        flash(request, _("Choose what to do with the announcement."), "error")
    else:
        # The form always carries the revision it was shown with; without one (a page from
        # before, a forged request) nobody can tell what the editor saw: refused as stale.
        revision = request.POST.get("revision", "")
        try:
            announcement_workflow.transition(
                context, names[0], request, comment=comment, revision=revision
            )
        except WorkflowError as e:
            flash(request, e.message, "error")
        else:
            state = request.localizer.translate(STATE_TITLES[context.state])
            flash(request, _("The announcement is now: ${state}", mapping={"state": state}))
    if request.has_permission(Permissions.VIEW, context):
        return HTTPFound(request.resource_url(context))
    return HTTPFound(request.resource_url(context.__parent__, "@@manage"))


@view_config(
    context=Announcements,
    name="manage",
    renderer="templates/manage.jinja2",
    permission=Permissions.MANAGE_ANNOUNCEMENTS,
)
def manage(context, request):
    """The editors' desk: drafts and pending announcements they may work on (catalog only)."""
    state = request.params.get("state")
    states = (state,) if state in MANAGE_STATES else None
    search = AnnouncementSearch(request)
    text = request.params.get("q", "").strip()[:100]
    ids = search.for_editors(states=states, text=text or None)
    page = Page.from_request(request, search.lazy(ids), total=len(ids))
    return {
        "page": page,
        "state": state if states else "",
        "states": MANAGE_STATES,
        "state_titles": STATE_TITLES,
        "q": text,
    }
