"""What a move of a case tells its owner in the message box (and mail)."""

from ningxia_portal.filings.workflow import STATE_TITLES
from ningxia_portal.i18n import _
from ningxia_portal.messages.sources import Draft, reply_of, status_text


def describe_move(filing, event, request):
    """您的办件 640100-20261203-000001 已受理: the new state, the reviewer's reply if any."""
    state = STATE_TITLES[event.to_state]
    return Draft(
        recipient=filing.owner,
        subject=_(
            "Your filing ${case_no}: ${state}",
            mapping={"case_no": filing.case_no or filing.title, "state": state},
        ),
        text=status_text(state, reply_of(event, filing.owner)),
        target=filing,
    )
