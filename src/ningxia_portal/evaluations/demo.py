"""The demo enterprise's rating of its completed demo case (development.ini only): 不满意,
so the department of 640100 has a rectification task to answer.

Does nothing when the enterprise, its completed case or the container is missing, or the
case is rated already.
"""

from datetime import timedelta

from ningxia_portal.core.clock import get_clock
from ningxia_portal.evaluations.resources import Evaluation, rating_deltas
from ningxia_portal.evaluations.services import open_task
from ningxia_portal.evaluations.workflow import (
    DISSATISFIED,
    FAIRLY_SATISFIED,
    OPEN,
    SATISFIED,
    VERY_DISSATISFIED,
)
from ningxia_portal.filings.workflow import COMPLETED
from ningxia_portal.workdays.calendar import calendar_of

SCORES = {
    "overall": DISSATISFIED,
    "efficiency": VERY_DISSATISFIED,
    "guide": FAIRLY_SATISFIED,
    "convenience": DISSATISFIED,
    "platform": SATISFIED,
}
COMMENT = "办结时间超出承诺时限，期间电话询问进度也无人答复。"


def load_demo_evaluations(root, registry):
    """Rate the demo enterprise's first completed case; returns how many were rated."""
    evaluations, filings = root.get("evaluations"), root.get("filings")
    if evaluations is None or filings is None or len(evaluations):
        return 0
    # The demo holds a handful of cases: the first completed one of the demo enterprise.
    filing = next(
        (f for f in filings.values() if f.owner == "enterprise" and f.state == COMPLETED), None
    )
    if filing is None:
        return 0
    clock = get_clock(registry)
    when = max(clock.now() - timedelta(days=1), filing.modified)
    evaluation = Evaluation(filing, SCORES, COMMENT, when)
    if evaluation.state == OPEN:
        open_task(evaluation, clock.today() - timedelta(days=1), calendar_of(root))
    evaluations.add(filing.case_no, evaluation)
    evaluations.count(evaluation.department_key, when, rating_deltas(SCORES))
    return 1
