"""A message for a staff move of each of the four domains' objects, worded by the domain."""

from types import SimpleNamespace

from ningxia_portal.appointments.workflow import appointment_workflow
from ningxia_portal.complaints.workflow import complaint_workflow
from ningxia_portal.consultations.workflow import consultation_workflow
from ningxia_portal.core.clock import get_clock
from ningxia_portal.filings.workflow import filing_workflow
from ningxia_portal.workflow import system_permits
from tests.conftest import committing

MOVES = {
    # container: (workflow, a staff transition, its comment, the subject's start)
    "filings": (filing_workflow, "return", "请补充营业执照。", "您的办件 "),
    "appointments": (appointment_workflow, "decline", "当天窗口已满。", "您的预约 "),
    "consultations": (consultation_workflow, "answer", "可以网上办理。", "您的咨询「"),
    "complaints": (complaint_workflow, "take", "", "您的投诉「"),
}


def staff_move(wsgi_app, root, container, workflow, transition, comment):
    """Move the demo enterprise's first object that can take ``transition``, as staff."""
    for obj in root[container].values():
        names = [t.name for t in workflow.possible(obj)]
        if getattr(obj, "owner", None) == "enterprise" and transition in names:
            request = SimpleNamespace(
                registry=wsgi_app.registry, application_url="http://localhost", tm=None
            )
            workflow.transition(
                obj,
                transition,
                request,
                comment=comment,
                permits=system_permits,
                actor="reviewer",
                now=get_clock(wsgi_app.registry).now(),
            )
            return obj
    raise AssertionError(f"no demo {container} can {transition}")


def test_each_domains_staff_move_writes_the_owner_a_message(demo_wsgi_app, open_root):
    paths = {}
    for container, (workflow, transition, comment, _start) in MOVES.items():
        with committing(demo_wsgi_app) as root:
            obj = staff_move(demo_wsgi_app, root, container, workflow, transition, comment)
            paths[container] = f"/{container}/{obj.__name__}/"
    with open_root(demo_wsgi_app) as root:
        box = root["messages"].box("enterprise")
        found = {m.path.split("/")[1]: m for m in map(box.get, box.newest_keys())}
        assert set(found) == set(MOVES)
        for container, (_wf, _t, comment, start) in MOVES.items():
            message = found[container]
            assert message.subject.startswith(start), message.subject
            assert message.path == paths[container]
            assert "状态：" in message.text
            assert comment in message.text
            assert message.read is False
        assert box.unread() == 4 and len(box) == 4


def test_the_owners_own_move_writes_a_receipt(demo_wsgi_app, open_root):
    with committing(demo_wsgi_app) as root:
        for appointment in root["appointments"].values():
            names = [t.name for t in appointment_workflow.possible(appointment)]
            if appointment.owner == "enterprise" and "cancel" in names:
                request = SimpleNamespace(registry=demo_wsgi_app.registry, tm=None)
                appointment_workflow.transition(
                    appointment,
                    "cancel",
                    request,
                    permits=system_permits,
                    actor="enterprise",
                    now=get_clock(demo_wsgi_app.registry).now(),
                )
                break
        else:
            raise AssertionError("no demo appointment to cancel")
    with open_root(demo_wsgi_app) as root:
        box = root["messages"].box("enterprise")
        [message] = [box.get(k) for k in box.newest_keys()]
        assert message.subject.startswith("您的预约 ") and message.subject.endswith(" 已取消")
        assert message.path == f"/appointments/{appointment.__name__}/"
        assert "答复" not in message.text  # the owner's own reason is not a reply to them
