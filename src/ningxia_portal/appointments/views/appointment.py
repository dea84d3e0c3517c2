"""One appointment: its details, history, and the moves the viewer may take (staff approve,
decline or mark handled; the owner cancels)."""

from pyramid.view import view_defaults
from venusian import lift

from ningxia_portal.appointments import workflow
from ningxia_portal.appointments.resources import Appointment
from ningxia_portal.appointments.schemas import transition_schema
from ningxia_portal.appointments.views import state_title, summary
from ningxia_portal.appointments.workflow import appointment_workflow
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.web.pagecache import LRUCache
from ningxia_portal.web.transitions import MovesView

TEMPLATE = "ningxia_portal:appointments/templates/appointment.jinja2"


@lift()
@view_defaults(context=Appointment, permission=Permissions.VIEW, renderer=TEMPLATE)
class AppointmentView(MovesView):
    workflow = appointment_workflow
    done = _("Done: the appointment is now “${state}”.")
    form_cache = LRUCache(100)  # the moves' blank forms, per language

    def move_schema(self, t, revision, csrf_token):
        return transition_schema(t, revision, csrf_token)

    def button_css(self, t):
        return "btn btn-outline-danger" if t.name in ("decline", "cancel") else "btn btn-primary"

    def state_title(self):
        return state_title(self.request, self.context)[1]

    def details(self):
        return summary(self.request, self.context)

    def page_data(self, forms, error, allowed):
        a = self.context
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
