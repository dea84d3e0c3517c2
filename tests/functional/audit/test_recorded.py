"""What the admins and the portal do is written to /manage/audit/: accounts created
(registration and back office), roles granted and revoked, accounts disabled and enabled,
the holiday calendar, the appointment settings and every workflow move — with who, when,
the address and what; an action that is rolled back leaves no entry."""

from datetime import UTC, datetime

import pytest
import transaction
from pyramid.events import NewRequest
from pyramid.testing import DummyRequest

from ningxia_portal.core.clock import get_clock
from ningxia_portal.core.events import Audited
from ningxia_portal.core.root import APP_ROOT_KEY, get_database
from tests.conftest import committing


def entries(wsgi_app, open_root):
    """[(actor, address, action, target, detail)] oldest first: those moved into the trees
    and those still pending (a request flushes them in batches)."""
    with open_root(wsgi_app) as root:
        log = root["manage"]["audit"]
        found = dict(log.entries.items())
        found.update(log.waiting.items if log.waiting is not None else {})
        return [found[key] for key in sorted(found)]


def of(found, action):
    return [e for e in found if e[2] == action]


@pytest.fixture
def ticking(demo_wsgi_app):
    """The frozen clock, moved a second forward before every request: entries of one µs
    have no order between requests."""
    clock = get_clock(demo_wsgi_app.registry)
    clock.set(datetime(2026, 3, 2, 1, 30, tzinfo=UTC))

    def tick(event):
        clock.advance(seconds=1)

    demo_wsgi_app.registry.registerHandler(tick, (NewRequest,))
    return clock


def test_staff_accounts_roles_and_status_are_recorded(admin_app, demo_wsgi_app, open_root, ticking):
    admin_app.extra_environ = {"REMOTE_ADDR": "10.1.2.3"}
    form = admin_app.get("/manage/accounts/add").forms["add-staff"]
    form["username"] = "chuangkou"
    form["title"] = "王窗口"
    form["password"] = form["password-confirm"] = "Chuangkou-2026"
    page = form.submit("submit").follow()
    grant = page.forms["grant"]
    grant["role"] = "reviewer"
    grant["scope"] = "640100/scjg"
    page = grant.submit("submit").follow()
    revoke = page.forms["revoke"]
    revoke["holding"] = "reviewer|640100/scjg"
    page = revoke.submit("submit").follow()
    page = page.forms["status"].submit("disable").follow()
    page.forms["status"].submit("enable").follow()

    found = entries(demo_wsgi_app, open_root)
    assert of(found, "account.created") == [
        ("guanli", "10.1.2.3", "account.created", "chuangkou", "staff")
    ]
    assert of(found, "role.granted") == [
        ("guanli", "10.1.2.3", "role.granted", "chuangkou", "reviewer@640100/scjg")
    ]
    assert of(found, "role.revoked")[0][3:] == ("chuangkou", "reviewer@640100/scjg")
    assert of(found, "account.disabled")[0][:4] == (
        "guanli",
        "10.1.2.3",
        "account.disabled",
        "chuangkou",
    )
    assert of(found, "account.enabled")[0][3] == "chuangkou"

    # The admin finds them on the log's page, newest first, in China's time.
    rows = admin_app.get("/manage/audit/").html.select(".audit-table tbody tr")
    texts = [r.get_text(" ", strip=True) for r in rows]
    assert "启用账户" in texts[0] and "chuangkou" in texts[0] and "2026-03-02 09:30" in texts[0]
    assert any("授予角色" in t and "reviewer@640100/scjg" in t and "10.1.2.3" in t for t in texts)


def test_registration_is_recorded_with_the_new_account_as_actor(demo_app, demo_wsgi_app, open_root):
    form = demo_app.get("/register").forms["register"]
    values = {
        "username": "xinqiye",
        "title": "宁夏新企业有限公司",
        "credit_code": "91640100MA76CD1E2L",
        "legal_representative": "张三",
        "contact": "李四",
        "phone": "13995000000",
        "email": "a@example.cn",
    }
    for key, value in values.items():
        form[key] = value
    form["password"] = form["password-confirm"] = "Xinqiye-2026"
    res = form.submit("submit")
    assert res.status_int == 302, res.html.select(".invalid-feedback, .error")
    (entry,) = of(entries(demo_wsgi_app, open_root), "account.created")
    assert entry[0] == "xinqiye" and entry[3:] == ("xinqiye", "enterprise")


def test_calendar_and_appointment_settings_are_recorded(
    admin_app, demo_wsgi_app, open_root, ticking
):
    form = admin_app.get("/manage/calendar/").forms["override"]
    form["date"] = "2027-02-13"
    form["kind"] = "workday"
    form["note"] = "调休上班"
    form.submit("submit").follow()
    page = admin_app.get("/manage/calendar/2027-02-13/")
    remove = [f for f in page.forms.values() if f.action.endswith("/remove")][0]
    remove.submit().follow()
    form = admin_app.get("/manage/appointments/").forms["schedule"]
    form["department"] = "640100/scjg"
    form["slots"] = "08:30-09:30"
    form["capacity"] = "2"
    form.submit("submit").follow()

    found = entries(demo_wsgi_app, open_root)
    calendar = of(found, "calendar.changed")
    assert [(e[3], e[4]) for e in calendar] == [
        ("2027-02-13", "added: workday 调休上班"),
        ("2027-02-13", "removed"),
    ]
    (settings,) = of(found, "settings.changed")
    assert settings[0] == "guanli"
    assert settings[3:] == ("appointments/640100/scjg", "slots: 08:30-09:30; capacity: 2")


def test_every_workflow_move_is_recorded(demo_wsgi_app, editor_app, open_root):
    from tests.functional.announcements.test_editing import fill

    form = editor_app.get("/announcements/@@add").forms["announcement"]
    fill(form, "审计日志测试公告", "all")
    page = form.submit("save").follow()
    page = page.forms["transition"].submit("submit").follow()
    page.forms["transition"].submit("publish").follow()
    found = [e for e in entries(demo_wsgi_app, open_root) if e[2].startswith("workflow.")]
    assert [(e[0], e[2]) for e in found] == [
        ("bianji", "workflow.submit"),
        ("bianji", "workflow.publish"),
    ]
    assert found[0][3].startswith("/announcements/") and found[0][4] == "private → pending"
    assert found[1][4] == "pending → published"


def test_an_aborted_action_leaves_no_entry(demo_wsgi_app, open_root):
    request = DummyRequest(remote_addr="10.0.0.9")
    request.registry = demo_wsgi_app.registry
    tm = transaction.TransactionManager()
    conn = get_database(demo_wsgi_app.registry).open(transaction_manager=tm)
    try:
        request.root = conn.root()[APP_ROOT_KEY]
        demo_wsgi_app.registry.notify(Audited(request, "login.failure", "qiye_a", actor="qiye_a"))
        assert len(request.root["manage"]["audit"]) == 1  # written in the transaction …
        tm.abort()  # … which is rolled back
    finally:
        conn.close()
    assert entries(demo_wsgi_app, open_root) == []
    # The same, committed, is there: who, the address, what.
    with committing(demo_wsgi_app) as root:
        request.root = root
        demo_wsgi_app.registry.notify(Audited(request, "login.failure", "qiye_a", actor="qiye_a"))
    assert entries(demo_wsgi_app, open_root) == [
        ("qiye_a", "10.0.0.9", "login.failure", "qiye_a", "")
    ]
