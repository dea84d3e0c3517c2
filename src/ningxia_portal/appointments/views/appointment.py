"""One appointment: its details, history, and the moves the viewer may take (staff approve,
decline or mark handled; the owner cancels)."""

import deform
from markupsafe import escape
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config, view_defaults

from ningxia_portal.appointments import workflow
from ningxia_portal.appointments.resources import Appointment
from ningxia_portal.appointments.schemas import transition_schema
from ningxia_portal.appointments.views import state_title, summary
from ningxia_portal.appointments.workflow import appointment_workflow
from ningxia_portal.core.clock import local_iso
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.web.forms import Form, flash
from ningxia_portal.web.pagecache import LRUCache
from ningxia_portal.workflow import WorkflowError

FORMID = "transition-"
FORMS = LRUCache(100)  # blank forms of the moves, per language (AppointmentView.blank_form)
PLACEHOLDER = "@@appointment-{}@@"


def button_css(t):
    return "btn btn-outline-danger" if t.name in ("decline", "cancel") else "btn btn-primary"


TEMPLATE = "ningxia_portal:appointments/templates/appointment.jinja2"


@view_defaults(context=Appointment, permission=Permissions.VIEW)
class AppointmentView:
    def __init__(self, context, request):
        self.context = context
        self.request = request

    def transition_form(self, t):
        schema = transition_schema(t, self.context.revision, self.request.session.get_csrf_token())
        return Form(
            schema,
            formid=FORMID + t.name,
            action=self.request.resource_url(self.context),
            buttons=(deform.Button(t.name, t.title, css_class=button_css(t)),),
        )

    def blank_form(self, t):
        """A move's form as first shown: rendered once per move and language, with this
        appointment's address, revision and the session's token put in."""
        request = self.request

        def render():
            schema = transition_schema(t, 0, "")
            form = Form(
                schema,
                formid=FORMID + t.name,
                action=PLACEHOLDER.format("action"),
                buttons=(deform.Button(t.name, t.title, css_class=button_css(t)),),
            )
            form.cstruct = {
                "csrf_token": PLACEHOLDER.format("csrf_token"),
                "revision": PLACEHOLDER.format("revision"),
                "comment": "",
            }
            return form.render()

        html = FORMS.get_or_compute((t.name, request.localizer.locale_name), render)
        for name, value in (
            ("action", request.resource_url(self.context)),
            ("csrf_token", request.session.get_csrf_token()),
            ("revision", str(self.context.revision)),
        ):
            html = html.replace(PLACEHOLDER.format(name), str(escape(value)))
        return html

    def page(self, failed=None, error=None):
        a = self.context
        forms = []
        for t in appointment_workflow.allowed(a, self.request):
            if failed is not None and failed[0] is t:
                forms.append((t, failed[1]))
            else:
                forms.append((t, self.blank_form(t)))
        # Why the enterprise can't cancel any more, where it could before the slot.
        cancel = appointment_workflow.get_transition("cancel")
        why_not_cancel = None
        if a.state in cancel.sources and self.request.has_permission(
            Permissions.CANCEL_APPOINTMENT
        ):
            why_not_cancel = appointment_workflow.why_not(a, cancel)
        shown, title = state_title(self.request, a)
        return {
            "a": a,
            "shown_state": shown,
            "state_title": title,
            "forms": forms,
            "error": error,
            "why_not_cancel": why_not_cancel,
            "history": list(reversed(a.history)),
            "state_titles": workflow.STATE_TITLES,
        }

    @view_config(request_method="GET", accept="text/html", renderer=TEMPLATE)
    def get(self):
        return self.page()

    @view_config(request_method="GET", accept="application/json", renderer="json")
    def get_json(self):
        a = self.context
        data = summary(self.request, a)
        data["history"] = [
            {
                "time": local_iso(e["time"]),
                "actor": e["actor_title"],
                "transition": e["transition"],
                "from": e["from_state"],
                "to": e["to_state"],
                "comment": e["comment"],
            }
            for e in a.history
        ]
        data["transitions"] = [t.name for t in appointment_workflow.allowed(a, self.request)]
        return data

    @view_config(request_method="POST", renderer=TEMPLATE)
    def post(self):
        """A move: refused (409) if not allowed now, or if the appointment changed meanwhile."""
        posted = self.request.POST.get("revision")
        if posted is not None and posted != str(self.context.revision):
            return self.refused(workflow.STALE)
        formid = self.request.POST.get("__formid__", "")
        name = formid[len(FORMID) :] if formid.startswith(FORMID) else ""
        t = appointment_workflow.get_transition(name)
        if t is None or t not in appointment_workflow.allowed(self.context, self.request):
            why = appointment_workflow.why_not(self.context, t) if t is not None else None
            return self.refused(why or workflow.NOT_AVAILABLE)
        form = self.transition_form(t)
        try:
            appstruct = form.validate(self.request.POST.items())
        except deform.ValidationFailure as e:
            return self.page(failed=(t, e.render()))
        try:
            appointment_workflow.transition(
                self.context,
                t.name,
                self.request,
                comment=appstruct["comment"],
                revision=appstruct["revision"],
            )
        except WorkflowError as e:
            return self.refused(e.message)
        flash(
            self.request,
            _(
                "Done: the appointment is now “${state}”.",
                mapping={"state": state_title(self.request, self.context)[1]},
            ),
        )
        return HTTPSeeOther(self.request.resource_url(self.context))

    def refused(self, message):
        self.request.response.status = 409
        return self.page(error=message)
