"""What a move of a complaint tells the complainant (message box and mail)."""

from ningxia_portal.complaints.workflow import STATE_TITLES
from ningxia_portal.i18n import _
from ningxia_portal.messages.sources import Draft, reply_of, status_text


def describe_move(complaint, event, request):
    """您的投诉「…」已答复, with the handler's reply."""
    state = STATE_TITLES[event.to_state]
    return Draft(
        recipient=complaint.owner,
        subject=_(
            "Your complaint “${subject}”: ${state}",
            mapping={"subject": complaint.subject, "state": state},
        ),
        text=status_text(state, reply_of(event, complaint.owner)),
        target=complaint,
    )
