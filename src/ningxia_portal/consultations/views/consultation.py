"""One consultation: the question, the answer, its history, and the moves the viewer may take
(answer, publish as FAQ, withdraw from the FAQ)."""

import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config, view_defaults

from ningxia_portal.consultations import services, workflow
from ningxia_portal.consultations.resources import Consultation
from ningxia_portal.consultations.schemas import transition_schema
from ningxia_portal.consultations.views import is_staff, state_title, summary
from ningxia_portal.consultations.workflow import consultation_workflow
from ningxia_portal.core.clock import local_iso
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.web.forms import Form, flash
from ningxia_portal.workflow import WorkflowError

FORMID = "transition-"
TEMPLATE = "ningxia_portal:consultations/templates/consultation.jinja2"


@view_defaults(context=Consultation, permission=Permissions.VIEW)
class ConsultationView:
    def __init__(self, context, request):
        self.context = context
        self.request = request

    def transition_form(self, t):
        schema = transition_schema(t, self.context.revision, self.request.session.get_csrf_token())
        css = "btn btn-primary" if t.name != "unpublish" else "btn btn-outline-danger"
        return Form(
            schema,
            formid=FORMID + t.name,
            action=self.request.resource_url(self.context),
            buttons=(deform.Button(t.name, t.title, css_class=css),),
        )

    def page(self, failed=None, error=None):
        c = self.context
        forms = []
        for t in consultation_workflow.allowed(c, self.request):
            if failed is not None and failed[0] is t:
                forms.append((t, failed[1]))
            else:
                forms.append((t, self.transition_form(t).render()))
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

    @view_config(request_method="GET", accept="text/html", renderer=TEMPLATE)
    def get(self):
        return self.page()

    @view_config(request_method="GET", accept="application/json", renderer="json")
    def get_json(self):
        c = self.context
        data = summary(self.request, c)
        data["content"] = c.content
        data["answer"] = c.answer
        data["answered_by"] = c.answered_by
        data["history"] = [
            {
                "time": local_iso(e["time"]),
                "actor": e["actor_title"],
                "transition": e["transition"],
                "from": e["from_state"],
                "to": e["to_state"],
                "comment": e["comment"],
            }
            for e in c.history
        ]
        data["transitions"] = [t.name for t in consultation_workflow.allowed(c, self.request)]
        return data

    @view_config(request_method="POST", renderer=TEMPLATE)
    def post(self):
        """A move's form: refused if not allowed now, or if the consultation changed."""
        posted = self.request.POST.get("revision")
        if posted is not None and posted != str(self.context.revision):
            return self.refused(workflow.STALE)
        formid = self.request.POST.get("__formid__", "")
        name = formid[len(FORMID) :] if formid.startswith(FORMID) else ""
        t = consultation_workflow.get_transition(name)
        if t is None or t not in consultation_workflow.allowed(self.context, self.request):
            return self.refused(workflow.NOT_AVAILABLE)
        form = self.transition_form(t)
        try:
            appstruct = form.validate(self.request.POST.items())
        except deform.ValidationFailure as e:
            return self.page(failed=(t, e.render()))
        try:
            services.move(
                self.request, self.context, t.name, appstruct["comment"], appstruct["revision"]
            )
        except WorkflowError as e:
            return self.refused(e.message)
        flash(
            self.request,
            _(
                "Done: the consultation is now “${state}”.",
                mapping={"state": state_title(self.request, self.context.state)},
            ),
        )
        return HTTPSeeOther(self.request.resource_url(self.context))

    def refused(self, message):
        """The consultation as it is now, with why nothing happened (409 Conflict)."""
        self.request.response.status = 409
        return self.page(error=message)
