"""What a move of a consultation tells the enterprise that asked (message box and mail)."""

from ningxia_portal.consultations.workflow import STATE_TITLES
from ningxia_portal.i18n import _
from ningxia_portal.messages.sources import Draft, reply_of, status_text


def describe_move(consultation, event, request):
    """您的咨询「…」已答复, with the answer."""
    state = STATE_TITLES[event.to_state]
    return Draft(
        recipient=consultation.owner,
        subject=_(
            "Your consultation “${subject}”: ${state}",
            mapping={"subject": consultation.subject, "state": state},
        ),
        text=status_text(state, reply_of(event, consultation.owner)),
        target=consultation,
    )
