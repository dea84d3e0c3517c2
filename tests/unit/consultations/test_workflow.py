"""The consultation workflow: who may answer and publish, what each move records."""

from datetime import timedelta

import pytest

from ningxia_portal.consultations.workflow import consultation_workflow
from ningxia_portal.workflow import TransitionNotAllowed
from tests.unit.consultations.helpers import NOW, make_consultation
from tests.unit.filings.helpers import permits_for

OWNER = "user:acme"
STAFF = "reviewer@640100/scjg"
CENTER_STAFF = "reviewer@640100"
OTHER_STAFF = "reviewer@640104/sw"
ADMIN = "role:admin"


def move(c, name, *principals, comment="", when=NOW):
    return consultation_workflow.transition(
        c,
        name,
        permits=permits_for(*principals),
        actor="someone",
        actor_title="某人",
        now=when,
        comment=comment,
    )


@pytest.mark.parametrize("staff", [STAFF, CENTER_STAFF, ADMIN])
def test_staff_of_the_department_or_center_and_admins_answer_and_publish(staff):
    c = make_consultation()
    later = NOW + timedelta(hours=1)
    move(c, "answer", staff, comment="十个工作日。", when=later)
    expected = ("answered", "十个工作日。", later, "某人")
    assert (c.state, c.answer, c.answered, c.answered_by) == expected
    move(c, "publish", staff, when=later)
    assert c.state == "published" and c.published == later
    move(c, "unpublish", staff, comment="已过时")
    assert c.state == "answered" and c.published is None
    assert [(e["transition"], e["from_state"], e["to_state"]) for e in c.history] == [
        ("answer", "asked", "answered"),
        ("publish", "answered", "published"),
        ("unpublish", "published", "answered"),
    ]
    assert c.revision == 3


@pytest.mark.parametrize("who", [OWNER, OTHER_STAFF, "role:editor", "reviewer@640104"])
def test_nobody_else_answers(who):
    c = make_consultation()
    with pytest.raises(TransitionNotAllowed):
        move(c, "answer", who, comment="x")
    assert c.state == "asked" and c.history == []


def test_the_answer_is_required_and_publishing_needs_an_answer():
    c = make_consultation()
    with pytest.raises(TransitionNotAllowed):
        move(c, "answer", STAFF, comment="   ")
    with pytest.raises(TransitionNotAllowed):
        move(c, "publish", STAFF)
    assert c.state == "asked"


def test_the_acl_lets_only_the_asker_staff_and_admins_read():
    from pyramid.authorization import ACLHelper, Authenticated, Everyone

    c = make_consultation()

    def may_view(*principals):
        return bool(ACLHelper().permits(c, [Everyone, Authenticated, *principals], "view"))

    assert may_view(OWNER) and may_view(STAFF) and may_view(CENTER_STAFF) and may_view(ADMIN)
    assert not may_view("user:other") and not may_view(OTHER_STAFF) and not may_view()
