"""What a move of a consultation tells the enterprise that asked (message box and mail)."""

from ningxia_portal.consultations.workflow import STATE_TITLES
from ningxia_portal.i18n import _
from ningxia_portal.messages.sources import owner_draft


def describe_move(consultation, event, request):
    """您的咨询「…」已答复, with the answer."""
    return owner_draft(
        consultation,
        event,
        STATE_TITLES,
        _("Your consultation “${subject}”: ${state}", mapping={"subject": consultation.subject}),
    )
