"""What a move of a case tells its owner in the message box (and mail)."""

from ningxia_portal.filings.workflow import STATE_TITLES
from ningxia_portal.i18n import _
from ningxia_portal.messages.sources import owner_draft


def describe_move(filing, event, request):
    """您的办件 640100-20261203-000001 已受理: the new state, the reviewer's reply if any."""
    return owner_draft(
        filing,
        event,
        STATE_TITLES,
        _("Your filing ${case_no}: ${state}", mapping={"case_no": filing.case_no or filing.title}),
    )
