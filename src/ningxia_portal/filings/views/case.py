"""One case: its materials (download), history, and exactly the transitions the viewer may take."""

from urllib.parse import quote

import deform
from pyramid.httpexceptions import HTTPNotFound, HTTPSeeOther
from pyramid.response import FileIter, Response
from pyramid.view import view_config, view_defaults

from ningxia_portal.core.clock import local_iso
from ningxia_portal.filings import services, workflow
from ningxia_portal.filings.resources import MATERIAL_STATUS_TITLES, Filing
from ningxia_portal.filings.schemas import transition_schema
from ningxia_portal.filings.views import filing_summary, state_title
from ningxia_portal.filings.views.listing import is_staff
from ningxia_portal.filings.views.notices import available_notices
from ningxia_portal.filings.workflow import filing_workflow
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.web.forms import Form, flash
from ningxia_portal.workflow import WorkflowError

FORMID = "transition-"


def review_transitions(allowed):
    """Of the transitions the viewer may take now, the review ones (the owner's submit and
    supplement have pages of their own)."""
    return [t for t in allowed if t.name in workflow.REVIEW_TRANSITIONS]


@view_defaults(context=Filing, permission=Permissions.VIEW)
class CaseView:
    def __init__(self, context, request):
        self.context = context
        self.request = request

    def transition_form(self, t):
        schema = transition_schema(
            t,
            self.context.revision,
            self.context.materials,
            csrf_token=self.request.session.get_csrf_token(),
        )
        css = "btn btn-outline-danger" if t.comment_required else "btn btn-primary"
        return Form(
            schema,
            formid=FORMID + t.name,
            action=self.request.resource_url(self.context),
            buttons=(deform.Button(t.name, t.title, css_class=css),),
        )

    def page(self, failed=None, error=None):
        filing = self.context
        allowed = filing_workflow.allowed(filing, self.request)
        forms = []
        for t in review_transitions(allowed):
            if failed is not None and failed[0] is t:
                forms.append((t, failed[1]))
            else:
                forms.append((t, self.transition_form(t).render()))
        materials = []
        for index, m in enumerate(filing.materials):
            files = [f for f in filing.files if f.material == index]
            review = filing.material_reviews.get(index)
            materials.append((index, m, files, review))
        may = self.request.has_permission
        return {
            "filing": filing,
            "materials": materials,
            "history": list(reversed(filing.history)),
            "forms": forms,
            "error": error,
            "state_title": state_title(self.request, filing.state),
            "remaining": services.remaining_working_days(self.request, filing),
            "staff": is_staff(self.request),
            "notices": available_notices(filing) if may(Permissions.PRINT_NOTICE) else [],
            "may_download": bool(may(Permissions.DOWNLOAD)),
            "may_edit": filing.state == workflow.DRAFT and bool(may(Permissions.EDIT_FILING)),
            "may_supplement": any(t.name == "supplement" for t in allowed),
            # The item is handled online only this far: say so, to the owner above all.
            "depth_note": workflow.GO_TO_THE_HALL if workflow.depth_ended(filing) else None,
            "material_status_titles": MATERIAL_STATUS_TITLES,
            "state_titles": workflow.STATE_TITLES,
        }

    @view_config(
        request_method="GET",
        accept="text/html",
        renderer="ningxia_portal:filings/templates/case.jinja2",
    )
    def get(self):
        return self.page()

    @view_config(request_method="GET", accept="application/json", renderer="json")
    def get_json(self):
        filing = self.context
        data = filing_summary(self.request, filing)
        may_download = self.request.has_permission(Permissions.DOWNLOAD)
        data["description"] = filing.description
        data["materials"] = [
            {
                "name": m["name"],
                "required": m["required"],
                "files": [
                    {
                        "filename": f.filename,
                        "size": f.size,
                        "round": f.round,
                        "replaced": f.replaced_in is not None,
                        "url": self.request.resource_url(filing, "file", f.file_id, f.filename)
                        if may_download
                        else None,
                    }
                    for f in filing.files
                    if f.material == index
                ],
            }
            for index, m in enumerate(filing.materials)
        ]
        data["history"] = [
            {
                "time": local_iso(e["time"]),
                "actor": e["actor_title"],
                "from": e["from_state"],
                "to": e["to_state"],
                "comment": e["comment"],
            }
            for e in filing.history
        ]
        allowed = filing_workflow.allowed(filing, self.request)
        data["transitions"] = [t.name for t in review_transitions(allowed)]
        return data

    @view_config(request_method="POST", renderer="ningxia_portal:filings/templates/case.jinja2")
    def post(self):
        """A transition form: refused if not allowed now, or if the case changed meanwhile."""
        posted = self.request.POST.get("revision")
        if posted is not None and posted != str(self.context.revision):
            return self.refused(workflow.STALE)
        formid = self.request.POST.get("__formid__", "")
        name = formid[len(FORMID) :] if formid.startswith(FORMID) else ""
        t = filing_workflow.get_transition(name)
        allowed = filing_workflow.allowed(self.context, self.request)
        if t is None or t not in review_transitions(allowed):
            # why not, if the case says (the item's depth ends here); else "not available",
            # also to a viewer without the permission
            why = filing_workflow.why_not(self.context, t) if t is not None else None
            return self.refused(why or workflow.NOT_AVAILABLE)
        form = self.transition_form(t)
        try:
            appstruct = form.validate(self.request.POST.items())
        except deform.ValidationFailure as e:
            return self.page(failed=(t, e.render()))
        marks = None
        if "materials" in appstruct:
            marks = [appstruct["materials"][str(i)] for i in range(len(self.context.materials))]
        try:
            services.review(
                self.request,
                self.context,
                t.name,
                appstruct["comment"],
                appstruct["revision"],
                marks,
            )
        except WorkflowError as e:
            return self.refused(e.message)
        flash(
            self.request,
            _(
                "Done: the case is now “${state}”.",
                mapping={"state": state_title(self.request, self.context.state)},
            ),
        )
        return HTTPSeeOther(self.request.resource_url(self.context))

    def refused(self, message):
        """Show the case as it is now, with why the action did not happen (409 Conflict)."""
        self.request.response.status = 409
        return self.page(error=message)


@view_config(context=Filing, name="file", permission=Permissions.DOWNLOAD)
def download(context, request):
    """``/filings/<case>/file/<id>/<name>``: the stored file, always as an attachment."""
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


def content_disposition(filename):
    """``attachment`` with an ASCII fallback and the RFC 5987 UTF-8 name."""
    ascii_name = "".join(c if 32 <= ord(c) < 127 and c not in '"\\;' else "_" for c in filename)
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"
