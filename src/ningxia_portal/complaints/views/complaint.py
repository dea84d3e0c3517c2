"""One complaint: its content, attachments (download), history, the handlers' moves and the
complainant's rating."""

import deform
from pyramid.httpexceptions import HTTPNotFound, HTTPSeeOther
from pyramid.response import FileIter, Response
from pyramid.view import view_config, view_defaults

from ningxia_portal.complaints import services
from ningxia_portal.complaints.resources import Complaint
from ningxia_portal.complaints.schemas import move_schema, rating_schema
from ningxia_portal.complaints.views import (
    actor_shown,
    complaint_summary,
    is_handler,
    rating_of,
    state_title,
)
from ningxia_portal.complaints.workflow import (
    NOT_AVAILABLE,
    SCORE_TITLES,
    STALE,
    STATE_TITLES,
    complaint_workflow,
)
from ningxia_portal.core.clock import local_iso
from ningxia_portal.filings.views.case import content_disposition
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.web.forms import Form, flash
from ningxia_portal.workflow import WorkflowError

FORMID = "complaint-"
RATE = "rate"
TEMPLATE = "ningxia_portal:complaints/templates/complaint.jinja2"


@view_defaults(context=Complaint, permission=Permissions.VIEW)
class ComplaintView:
    def __init__(self, context, request):
        self.context = context
        self.request = request

    def allowed(self):
        return complaint_workflow.allowed(self.context, self.request)

    def move_form(self, t):
        schema = move_schema(
            t, self.context.revision, csrf_token=self.request.session.get_csrf_token()
        )
        return Form(
            schema,
            formid=FORMID + t.name,
            action=self.request.resource_url(self.context),
            buttons=(deform.Button(t.name, t.title, css_class="btn btn-primary"),),
        )

    def rating_form(self):
        schema = rating_schema(
            self.context.revision,
            csrf_token=self.request.session.get_csrf_token(),
            translate=self.request.localizer.translate,
        )
        return Form(
            schema,
            formid=FORMID + RATE,
            action=self.request.resource_url(self.context),
            buttons=(deform.Button(RATE, _("Submit the rating"), css_class="btn btn-primary"),),
        )

    def history(self):
        return [
            {
                "time": e["time"],
                "actor": actor_shown(self.request, self.context, e),
                "transition": e["transition"],
                "from": e["from_state"],
                "to": e["to_state"],
                "comment": e["comment"],
                "score": e.get("score"),
            }
            for e in self.context.history
        ]

    def page(self, failed=None, error=None):
        complaint = self.context
        forms = []
        rating = None
        for t in self.allowed():
            rendered = failed[1] if failed is not None and failed[0] == t.name else None
            if t.name == RATE:
                rating = rendered or self.rating_form().render()
            else:
                forms.append((t, rendered or self.move_form(t).render()))
        return {
            "complaint": complaint,
            "state_title": state_title(self.request, complaint.state),
            "history": list(reversed(self.history())),
            "forms": forms,
            "rating_form": rating,
            "rating": rating_of(self.request, complaint),
            "error": error,
            "handler": is_handler(self.request),
            "may_download": bool(self.request.has_permission(Permissions.DOWNLOAD_COMPLAINT)),
            "state_titles": STATE_TITLES,
            "score_titles": SCORE_TITLES,
        }

    @view_config(request_method="GET", accept="text/html", renderer=TEMPLATE)
    def get(self):
        return self.page()

    @view_config(request_method="GET", accept="application/json", renderer="json")
    def get_json(self):
        complaint = self.context
        data = complaint_summary(self.request, complaint)
        may_download = self.request.has_permission(Permissions.DOWNLOAD_COMPLAINT)
        data["content"] = complaint.content
        data["complainant"] = dict(complaint.complainant)
        data["attachments"] = [
            {
                "filename": f.filename,
                "size": f.size,
                "url": self.request.resource_url(complaint, "file", f.file_id, f.filename)
                if may_download
                else None,
            }
            for f in complaint.files
        ]
        data["history"] = [{**e, "time": local_iso(e["time"])} for e in self.history()]
        data["transitions"] = [t.name for t in self.allowed()]
        return data

    @view_config(request_method="POST", renderer=TEMPLATE)
    def post(self):
        """A handler's move or the complainant's rating: refused when not allowed now, or
        when the complaint changed since the form was shown."""
        posted = self.request.POST.get("revision")
        if posted is not None and posted != str(self.context.revision):
            return self.refused(STALE)
        formid = self.request.POST.get("__formid__", "")
        name = formid[len(FORMID) :] if formid.startswith(FORMID) else ""
        t = complaint_workflow.get_transition(name)
        if t is None or t not in self.allowed():
            why = complaint_workflow.why_not(self.context, t) if t is not None else None
            return self.refused(why or NOT_AVAILABLE)
        form = self.rating_form() if name == RATE else self.move_form(t)
        try:
            appstruct = form.validate(self.request.POST.items())
        except deform.ValidationFailure as e:
            return self.page(failed=(name, e.render()))
        try:
            if name == RATE:
                services.rate(
                    self.request,
                    self.context,
                    appstruct["score"],
                    appstruct["comment"],
                    appstruct["revision"],
                )
                message = _("Thank you: your rating has been recorded.")
            else:
                services.move(
                    self.request, self.context, name, appstruct["comment"], appstruct["revision"]
                )
                message = _(
                    "Done: the complaint is now “${state}”.",
                    mapping={"state": state_title(self.request, self.context.state)},
                )
        except WorkflowError as e:
            return self.refused(e.message)
        flash(self.request, message)
        return HTTPSeeOther(self.request.resource_url(self.context))

    def refused(self, message):
        """Show the complaint as it is now, with why the action did not happen (409)."""
        self.request.response.status = 409
        return self.page(error=message)


@view_config(context=Complaint, name="file", permission=Permissions.DOWNLOAD_COMPLAINT)
def download(context, request):
    """``/complaints/<id>/file/<file id>/<name>``: the stored file, always as an attachment."""
    if not request.subpath:
        raise HTTPNotFound()
    stored = context.get_file(request.subpath[0])
    if stored is None:
        raise HTTPNotFound()
    response = Response(
        app_iter=FileIter(stored.open()),
        content_type=stored.mimetype,
        content_length=stored.size,
    )
    response.headers["Content-Disposition"] = content_disposition(stored.filename)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response
