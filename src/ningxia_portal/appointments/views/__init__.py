"""Pages of appointments: book, 我的预约 and the staff's queue, one appointment."""

from ningxia_portal.appointments import workflow
from ningxia_portal.core.clock import get_clock, local_iso


def state_title(request, appointment, now=None):
    now = now or get_clock(request.registry).now()
    shown = workflow.display_state(appointment, now)
    return shown, request.localizer.translate(workflow.DISPLAY_TITLES[shown])


def summary(request, appointment, url=None, now=None):
    """What lists and JSON answers show of an appointment."""
    shown, title = state_title(request, appointment, now)
    return {
        "id": appointment.__name__,
        "url": url or request.resource_url(appointment),
        "contact": appointment.contact,
        "phone": appointment.phone,
        "email": appointment.email,
        "applicant": appointment.owner_title,
        "center": appointment.center_code,
        "center_title": appointment.center_title,
        "department": appointment.department_key,
        "department_title": appointment.department_title,
        "item": appointment.item_key,
        "item_title": appointment.item_title,
        "day": appointment.day.isoformat(),
        "slot": appointment.slot,
        "content": appointment.content,
        "state": appointment.state,
        "shown_state": shown,
        "state_title": title,
        "reply": appointment.reply,
        "created": local_iso(appointment.created),
        "modified": local_iso(appointment.modified),
    }
