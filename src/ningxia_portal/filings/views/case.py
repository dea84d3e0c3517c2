"""One case: its materials (download), history, and exactly the transitions the viewer may take."""

from pyramid.view import view_config, view_defaults
from venusian import lift

from ningxia_portal.filings import services, workflow
from ningxia_portal.filings.blocks import render_case_blocks
from ningxia_portal.filings.notices import available_notices
from ningxia_portal.filings.resources import MATERIAL_STATUS_TITLES, Filing
from ningxia_portal.filings.schemas import transition_schema
from ningxia_portal.filings.views import filing_summary, state_title
from ningxia_portal.filings.views.listing import is_staff
from ningxia_portal.filings.workflow import filing_workflow
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.web.downloads import stored_file_response
from ningxia_portal.web.transitions import MovesView

TEMPLATE = "ningxia_portal:filings/templates/case.jinja2"
# A case is its owner's and its reviewers': no browser history or cache along the way keeps
# its page (or JSON) after the session ended.
NOT_KEPT = "private, no-store"


def review_transitions(allowed):
    """Of the transitions the viewer may take now, the review ones (the owner's submit and
    supplement have pages of their own)."""
    return [t for t in allowed if t.name in workflow.REVIEW_TRANSITIONS]


@lift()
@view_defaults(context=Filing, permission=Permissions.VIEW, renderer=TEMPLATE)
class CaseView(MovesView):
    """The reviewers' moves; a return also marks each material."""

    workflow = filing_workflow
    done = _("Done: the case is now “${state}”.")

    def moves(self, allowed):
        return review_transitions(allowed)

    def move_schema(self, t, revision, csrf_token):
        return transition_schema(t, revision, self.context.materials, csrf_token=csrf_token)

    def button_css(self, t):
        return "btn btn-outline-danger" if t.comment_required else "btn btn-primary"

    def take(self, t, appstruct):
        marks = None
        if "materials" in appstruct:
            marks = [appstruct["materials"][str(i)] for i in range(len(self.context.materials))]
        services.review(
            self.request,
            self.context,
            t.name,
            appstruct["comment"],
            appstruct["revision"],
            marks,
        )

    def state_title(self):
        return state_title(self.request, self.context.state)

    def history_row(self, e):
        row = super().history_row(e)
        del row["transition"]  # a case's history in JSON names states, not transitions
        return row

    def details(self):
        self.request.response.headers["Cache-Control"] = NOT_KEPT
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
        return data

    def page_data(self, forms, error, allowed):
        self.request.response.headers["Cache-Control"] = NOT_KEPT
        filing = self.context
        materials = []
        for index, m in enumerate(filing.materials):
            files = [f for f in filing.files if f.material == index]
            review = filing.material_reviews.get(index)
            materials.append((index, m, files, review))
        may = self.request.has_permission
        remaining = services.remaining_working_days(self.request, filing)
        return {
            "filing": filing,
            "materials": materials,
            "history": list(reversed(filing.history)),
            "forms": forms,
            "error": error,
            "state_title": state_title(self.request, filing.state),
            "remaining": remaining,
            "deadline_mark": services.deadline_mark(remaining),
            "deadline_marks": services.DEADLINE_MARKS,
            "staff": is_staff(self.request),
            "notices": available_notices(filing) if may(Permissions.PRINT_NOTICE) else [],
            "may_download": bool(may(Permissions.DOWNLOAD)),
            "may_edit": filing.state == workflow.DRAFT and bool(may(Permissions.EDIT_FILING)),
            "may_supplement": any(t.name == "supplement" for t in allowed),
            # The item is handled online only this far: say so, to the owner above all.
            "depth_note": workflow.GO_TO_THE_HALL if workflow.depth_ended(filing) else None,
            "material_status_titles": MATERIAL_STATUS_TITLES,
            "state_titles": workflow.STATE_TITLES,
            "blocks": render_case_blocks(self.request, filing),  # other features' (blocks.py)
        }


@view_config(context=Filing, name="file", permission=Permissions.DOWNLOAD)
def download(context, request):
    """``/filings/<case>/file/<id>/<name>``: the stored file, always as an attachment."""
    return stored_file_response(context, request)
