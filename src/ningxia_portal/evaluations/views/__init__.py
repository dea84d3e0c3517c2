"""Pages of the evaluations: the rating form, one evaluation, the list and averages, and
what the case page shows of its rating."""

from ningxia_portal.core.clock import get_clock, local_iso
from ningxia_portal.evaluations.workflow import (
    DIMENSION_TITLES,
    DIMENSIONS,
    LEVEL_TITLES,
    OPEN,
    STATE_TITLES,
)
from ningxia_portal.i18n import _
from ningxia_portal.workdays.calendar import remaining_working_days

OVERDUE = _("Overdue")


def level_title(request, level):
    return request.localizer.translate(LEVEL_TITLES.get(level, str(level)))


def status(request, evaluation):
    """(css name, title) of the evaluation's state as staff and the enterprise read it:
    an open task past its deadline is 已超期."""
    today = get_clock(request.registry).today()
    if evaluation.is_overdue(today):
        return "overdue", request.localizer.translate(OVERDUE)
    state = evaluation.state
    return state, request.localizer.translate(STATE_TITLES[state])


def days_left(request, evaluation):
    """Working days left to answer an open task (negative when overdue), else None."""
    if evaluation.state != OPEN or evaluation.deadline is None:
        return None
    today = get_clock(request.registry).today()
    return remaining_working_days(today, evaluation.deadline, request.work_calendar)


def evaluation_json(request, evaluation, url=None):
    """What the JSON answers show of an evaluation (to those who may view it)."""
    answer = evaluation.answer_entry()
    follow_up = evaluation.follow_up
    css, title = status(request, evaluation)
    return {
        "case_no": evaluation.case_no,
        "url": url or request.resource_url(evaluation),
        "department": evaluation.department_key,
        "department_title": evaluation.department_title,
        "item": evaluation.item_title,
        "enterprise": evaluation.enterprise,
        "scores": {
            d: {
                "level": evaluation.scores[d],
                "title": level_title(request, evaluation.scores[d]),
                "dimension": request.localizer.translate(DIMENSION_TITLES[d]),
            }
            for d in DIMENSIONS
        },
        "comment": evaluation.comment,
        "rated": local_iso(evaluation.created),
        "state": evaluation.state,
        "status": css,
        "status_title": title,
        "deadline": local_iso(evaluation.deadline),
        "overdue": css == "overdue",
        "answer": None
        if answer is None
        else {
            "text": answer["comment"],
            "by": answer["actor_title"],
            "time": local_iso(answer["time"]),
        },
        "follow_up": None
        if follow_up is None
        else {
            "level": follow_up["level"],
            "title": level_title(request, follow_up["level"]),
            "comment": follow_up["comment"],
            "time": local_iso(follow_up["time"]),
        },
    }
