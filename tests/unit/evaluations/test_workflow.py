"""The evaluation's states and moves: a poor overall level opens the task, only the answer
leaves it, the follow-up is given once and only after the answer."""

from datetime import UTC, date, datetime

import pytest

from ningxia_portal.evaluations.resources import Evaluation
from ningxia_portal.evaluations.workflow import evaluation_workflow
from ningxia_portal.workflow import TransitionNotAllowed, system_permits

WHEN = datetime(2026, 3, 2, 1, tzinfo=UTC)


class FakeFiling:
    case_no = "640100-20260302-000001"
    owner = "acme"
    applicant_title = "宁夏阿克米食品有限公司"
    center_code = "640100"
    department_key = "640100/scjg"
    snapshot = {"department_title": "银川市市场监督管理局"}
    item_title = "食品经营许可（新办）"
    state = "completed"


def evaluation(overall, **others):
    scores = {"overall": overall, "efficiency": 3, "guide": 3, "convenience": 3, "platform": 3}
    return Evaluation(FakeFiling(), {**scores, **others}, "", WHEN)


def move(obj, name, **kw):
    return evaluation_workflow.transition(
        obj, name, permits=system_permits, actor="x", now=WHEN, notify=None, **kw
    )


@pytest.mark.parametrize(
    ("overall", "state"), [(5, "rated"), (3, "rated"), (2, "open"), (1, "open")]
)
def test_the_overall_level_decides_the_task(overall, state):
    assert evaluation(overall).state == state


def test_a_poor_dimension_alone_opens_no_task():
    assert evaluation(4, platform=1, efficiency=1).state == "rated"


def test_answer_then_one_follow_up():
    e = evaluation(2)
    with pytest.raises(TransitionNotAllowed):
        move(e, "follow_up")
    with pytest.raises(TransitionNotAllowed):
        move(e, "answer")  # the answer is required
    move(e, "answer", comment="已整改")
    assert e.state == "answered" and e.answer_entry()["comment"] == "已整改"
    move(e, "follow_up")
    e.follow_up = {"level": 4, "comment": "", "time": WHEN}
    with pytest.raises(TransitionNotAllowed) as refused:
        move(e, "follow_up")
    assert refused.value.reason == "guard"
    assert evaluation_workflow.is_final(e)


def test_a_rating_without_task_moves_nowhere():
    assert evaluation_workflow.is_final(evaluation(5))


def test_overdue_from_the_day_after_the_deadline():
    e = evaluation(1)
    e.deadline = date(2026, 3, 9)
    assert not e.is_overdue(date(2026, 3, 9))
    assert e.is_overdue(date(2026, 3, 10))
    move(e, "answer", comment="已整改")
    assert not e.is_overdue(date(2026, 3, 10))


def test_its_lists_mirror_its_acl():
    e = evaluation(2)
    e.deadline = date(2026, 3, 9)
    assert set(e.evaluation_lists()) == {
        "evaluation-mine:acme",
        "evaluation-ratings:640100/scjg",
        "evaluation-ratings:640100",
        "evaluation-tasks:640100/scjg",
        "evaluation-tasks:640100",
    }
    assert set(evaluation(5).evaluation_lists()) == {
        "evaluation-mine:acme",
        "evaluation-ratings:640100/scjg",
        "evaluation-ratings:640100",
    }
