"""One complaint: its content, attachments (download), history, the handlers' moves and the
complainant's rating."""

import deform
from pyramid.view import view_config, view_defaults
from venusian import lift

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
from ningxia_portal.complaints.workflow import SCORE_TITLES, STATE_TITLES, complaint_workflow
from ningxia_portal.core.clock import local_iso
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.web.downloads import stored_file_response
from ningxia_portal.web.transitions import MovesView

RATE = "rate"
TEMPLATE = "ningxia_portal:complaints/templates/complaint.jinja2"


@lift()
@view_defaults(context=Complaint, permission=Permissions.VIEW, renderer=TEMPLATE)
class ComplaintView(MovesView):
    """The handlers' moves are forms of their own; the complainant's rating (a move too)
    is the page's ``rating_form``."""

    workflow = complaint_workflow
    formid = "complaint-"
    done = _("Done: the complaint is now “${state}”.")

    def move_schema(self, t, revision, csrf_token):
        if t.name == RATE:
            translate = self.request.localizer.translate
            return rating_schema(revision, csrf_token=csrf_token, translate=translate)
        return move_schema(t, revision, csrf_token=csrf_token)

    def button(self, t):
        if t.name == RATE:
            return deform.Button(RATE, _("Submit the rating"), css_class="btn btn-primary")
        return super().button(t)

    def take(self, t, appstruct):
        request, complaint = self.request, self.context
        if t.name == RATE:
            services.rate(
                request, complaint, appstruct["score"], appstruct["comment"], appstruct["revision"]
            )
        else:
            services.move(request, complaint, t.name, appstruct["comment"], appstruct["revision"])

    def done_message(self, t):
        if t.name == RATE:
            return _("Thank you: your rating has been recorded.")
        return super().done_message(t)

    def state_title(self):
        return state_title(self.request, self.context.state)

    def history(self):
        """The moves as the viewer may read them: handlers' names hidden from the
        complainant."""
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

    def json_history(self):
        return [{**e, "time": local_iso(e["time"])} for e in self.history()]

    def details(self):
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
        return data

    def page_data(self, forms, error, allowed):
        complaint = self.context
        return {
            "complaint": complaint,
            "state_title": state_title(self.request, complaint.state),
            "history": list(reversed(self.history())),
            "forms": [(t, html) for t, html in forms if t.name != RATE],
            "rating_form": next((html for t, html in forms if t.name == RATE), None),
            "rating": rating_of(self.request, complaint),
            "error": error,
            "handler": is_handler(self.request),
            "may_download": bool(self.request.has_permission(Permissions.DOWNLOAD_COMPLAINT)),
            "state_titles": STATE_TITLES,
            "score_titles": SCORE_TITLES,
        }


@view_config(context=Complaint, name="file", permission=Permissions.DOWNLOAD_COMPLAINT)
def download(context, request):
    """``/complaints/<id>/file/<file id>/<name>``: the stored file, always as an attachment."""
    return stored_file_response(context, request)
