"""What a case's page and JSON show of its evaluation (``filings.blocks``): the invitation
to rate a finished case (its owner), or the rating, its task, answer and follow-up (whoever
may view the evaluation: the enterprise, the department's reviewers, admins)."""

from ningxia_portal.evaluations import services
from ningxia_portal.evaluations.views import days_left, evaluation_json, status
from ningxia_portal.evaluations.workflow import (
    DIMENSION_TITLES,
    LEVEL_TITLES,
    evaluation_workflow,
)
from ningxia_portal.security.permissions import Permissions


def visible_evaluation(request, filing):
    """The case's evaluation if the viewer may see it, else None."""
    evaluation = services.evaluation_of(request, filing)
    if evaluation is None or not request.has_permission(Permissions.VIEW, evaluation):
        return None
    return evaluation


def evaluation_values(request, evaluation):
    """What ``summary.jinja2`` reads."""
    return {
        "e": evaluation,
        "status": status(request, evaluation),
        "days_left": days_left(request, evaluation),
        "answer": evaluation.answer_entry(),
        "dimension_titles": DIMENSION_TITLES,
        "level_titles": LEVEL_TITLES,
    }


def case_block(request, filing):
    """The case page's block: None when there is nothing for this viewer."""
    evaluation = visible_evaluation(request, filing)
    if evaluation is None:
        if services.why_not_rate(request, filing) is None and request.has_permission(
            Permissions.EVALUATE, filing
        ):
            return {"e": None, "rate_url": request.resource_url(filing, "rate")}
        return None
    allowed = {t.name for t in evaluation_workflow.allowed(evaluation, request)}
    return {
        **evaluation_values(request, evaluation),
        "url": request.resource_url(evaluation),
        "may_follow_up": "follow_up" in allowed,
        "may_answer": "answer" in allowed,
    }


def case_json(request, filing):
    """The case's rating in its JSON and the lists' rows (None: not rated, or not the
    viewer's to see)."""
    evaluation = visible_evaluation(request, filing)
    return None if evaluation is None else evaluation_json(request, evaluation)
