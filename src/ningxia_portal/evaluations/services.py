"""What happens to an evaluation, independent of the page that asks: rate, answer, follow up.

Views validate the forms; these functions change the database (the catalog follows the
folder's and the workflow's events) and count each change in the department's tallies.
"""

from ningxia_portal.core.clock import get_clock
from ningxia_portal.core.root import root_factory
from ningxia_portal.evaluations.resources import Evaluation, rating_deltas
from ningxia_portal.evaluations.workflow import DIMENSIONS, OPEN, evaluation_workflow
from ningxia_portal.filings.workflow import DRAFT, filing_workflow
from ningxia_portal.i18n import _
from ningxia_portal.workdays.calendar import add_working_days
from ningxia_portal.workflow import WorkflowError

TASK_DAYS = 5  # working days the department has to answer a poor rating (整改时限)

NOT_FINAL = _("This case can be rated once it is finished.")
ALREADY_RATED = _("You have already rated this case.")


def get_evaluations(request):
    return root_factory(request)["evaluations"]


def evaluation_of(request, filing):
    """The evaluation of ``filing``, or None (a lookup by case number)."""
    if not filing.case_no:
        return None
    return get_evaluations(request).get(filing.case_no)


def is_finished(filing):
    """Has the case reached a final state (nothing can move it any more)?"""
    return filing.state != DRAFT and filing_workflow.is_final(filing)


def why_not_rate(request, filing):
    """Why the case can't be rated now (a translatable message), or None. Who may rate is
    the case's ACL's business (``Permissions.EVALUATE``: the owner alone)."""
    if not is_finished(filing):
        return NOT_FINAL
    if evaluation_of(request, filing) is not None:
        return ALREADY_RATED
    return None


def rate(request, filing, scores, comment):
    """The enterprise's rating of its finished case; a poor overall level opens the
    department's rectification task, due ``TASK_DAYS`` working days after today."""
    why = why_not_rate(request, filing)
    if why is not None:
        raise WorkflowError(why)
    clock = get_clock(request.registry)
    scores = {dimension: int(scores[dimension]) for dimension in DIMENSIONS}
    evaluation = Evaluation(filing, scores, (comment or "").strip(), clock.now())
    if evaluation.state == OPEN:
        open_task(evaluation, clock.today(), request.work_calendar)
    container = get_evaluations(request)
    container.add(filing.case_no, evaluation)  # catalogued now: the lists show it at once
    container.count(evaluation.department_key, evaluation.created, rating_deltas(scores))
    return evaluation


def open_task(evaluation, today, calendar):
    evaluation.deadline = add_working_days(today, TASK_DAYS, calendar)
    evaluation.deadline_provisional = calendar.provisional_between(today, evaluation.deadline)


def answer(request, evaluation, comment, revision):
    """The department's answer (整改情况): closes the task."""
    entry = evaluation_workflow.transition(
        evaluation, "answer", request, comment=comment, revision=revision
    )
    container = get_evaluations(request)
    container.count(evaluation.department_key, evaluation.modified, {"answered": 1})
    return entry


def follow_up(request, evaluation, level, comment, revision):
    """The enterprise's follow-up rating (追评) of the answer, once."""
    move = evaluation_workflow.begin(
        evaluation, "follow_up", request, comment=comment, revision=revision
    )
    evaluation.follow_up = {"level": int(level), "comment": move.comment, "time": move.now}
    entry = move.finish(extra={"level": int(level)})
    deltas = {"follow_ups": 1, "follow_up_sum": int(level)}
    get_evaluations(request).count(evaluation.department_key, move.now, deltas)
    return entry
