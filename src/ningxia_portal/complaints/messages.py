"""What a move of a complaint tells the complainant (message box and mail)."""

from ningxia_portal.complaints.workflow import STATE_TITLES
from ningxia_portal.i18n import _
from ningxia_portal.messages.sources import owner_draft


def describe_move(complaint, event, request):
    """您的投诉「…」已答复, with the handler's reply."""
    return owner_draft(
        complaint,
        event,
        STATE_TITLES,
        _("Your complaint “${subject}”: ${state}", mapping={"subject": complaint.subject}),
    )
