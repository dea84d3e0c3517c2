"""What a move of an appointment tells its owner in the message box (and mail)."""

from ningxia_portal.appointments.workflow import STATE_TITLES
from ningxia_portal.i18n import _
from ningxia_portal.messages.sources import owner_draft


def describe_move(appointment, event, request):
    """您的预约 <department> <day> <slot> 已同意, with the staff's reply if any."""
    return owner_draft(
        appointment,
        event,
        STATE_TITLES,
        _("Your appointment ${title}: ${state}", mapping={"title": appointment.title}),
    )
