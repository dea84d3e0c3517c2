"""What the department's answer to a rectification task tells the enterprise that rated."""

from ningxia_portal.i18n import _
from ningxia_portal.messages.sources import Draft


def describe_move(evaluation, event, request):
    """您对办件 … 的评价已有整改答复: the answer (整改情况) itself. The follow-up is the
    enterprise's own move: nothing to tell it."""
    if event.transition.name != "answer":
        return None
    return Draft(
        recipient=evaluation.owner,
        subject=_(
            "Your rating of filing ${case_no}: the department has answered",
            mapping={"case_no": evaluation.case_no},
        ),
        text=(
            _("Rectification: ${answer}", mapping={"answer": event.record.comment}),
            _("You may add one follow-up rating."),
        ),
        target=evaluation,
    )
