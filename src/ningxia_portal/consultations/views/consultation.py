"""One consultation: the question, the answer, its history, and the moves the viewer may take
(answer, publish as FAQ, withdraw from the FAQ)."""

from pyramid.view import view_defaults
from venusian import lift

from ningxia_portal.consultations import services, workflow
from ningxia_portal.consultations.resources import Consultation
from ningxia_portal.consultations.schemas import transition_schema
from ningxia_portal.consultations.views import is_staff, state_title, summary
from ningxia_portal.consultations.workflow import consultation_workflow
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.web.transitions import MovesView

TEMPLATE = "ningxia_portal:consultations/templates/consultation.jinja2"


@lift()
@view_defaults(context=Consultation, permission=Permissions.VIEW, renderer=TEMPLATE)
class ConsultationView(MovesView):
    workflow = consultation_workflow
    done = _("Done: the consultation is now “${state}”.")

    def move_schema(self, t, revision, csrf_token):
        return transition_schema(t, revision, csrf_token)

    def button_css(self, t):
        return "btn btn-primary" if t.name != "unpublish" else "btn btn-outline-danger"

    def take(self, t, appstruct):
        services.move(
            self.request, self.context, t.name, appstruct["comment"], appstruct["revision"]
        )

    def state_title(self):
        return state_title(self.request, self.context.state)

    def details(self):
        c = self.context
        data = summary(self.request, c)
        data["content"] = c.content
        data["answer"] = c.answer
        data["answered_by"] = c.answered_by
        return data

    def page_data(self, forms, error, allowed):
        c = self.context
        return {
            "c": c,
            "state_title": state_title(self.request, c.state),
            "history": list(reversed(c.history)),
            "forms": forms,
            "error": error,
            "staff": is_staff(self.request),
            "state_titles": workflow.STATE_TITLES,
            "list_url": self.request.resource_url(c.__parent__),
        }
