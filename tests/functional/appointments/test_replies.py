"""Staff reply: approve (a reply optional), decline (a reply required), mark handled once the
slot has begun; the owner cancels until the slot begins; every move recorded; what the
enterprise then sees in 我的预约, on the home page, and the staff's waiting count."""

from ningxia_portal.core.clock import get_clock
from tests.functional.appointments.support import (
    appointment_id,
    book,
    slot_began,
    stored,
)


def transition(testapp, url, name, comment=None, status=302):
    form = testapp.get(url).forms[f"transition-{name}"]
    if comment is not None:
        form["comment"] = comment
    return form.submit(name, status="*")


def waiting(testapp):
    """The header's link to the appointments, with the count waiting for this viewer."""
    links = [a for a in testapp.get("/").html.select(".site-nav a") if "预约" in a.text]
    return links[0].get_text(" ", strip=True)


def test_reviewer_approves_with_a_reply_and_the_enterprise_reads_it(
    demo_wsgi_app, enterprise_a_app, reviewer_app
):
    assert waiting(reviewer_app) == "待回复预约 1 件待办"  # the demo's one of 640100/scjg
    url = book(enterprise_a_app).location
    assert waiting(reviewer_app) == "待回复预约 2 件待办"
    queue = reviewer_app.get("/appointments/?day=2026-03-10")
    assert queue.html.select_one("h1").text == "待回复预约"
    assert "王经理" in queue.html.select_one(".appointment-list").text
    shown = reviewer_app.get(url)
    assert "@@appointment-" not in shown.text
    assert shown.forms["transition-approve"].action == url  # this appointment's address
    res = transition(reviewer_app, url, "approve", "请携带营业执照原件按时到场。")
    assert res.status_int == 303
    page = res.follow()
    assert page.html.select_one(".appointment-status strong").text == "已同意"
    assert waiting(reviewer_app) == "待回复预约 1 件待办"
    history = page.html.select_one(".appointment-history").get_text(" ", strip=True)
    assert "刘窗口" in history and "已预约，待回复 → 已同意" in history
    # The enterprise: its list, the page, the home page's reminder and counts.
    row = enterprise_a_app.get("/appointments/").html.select_one(".appointment-row")
    assert "已同意" in row.text and "请携带营业执照原件按时到场。" in row.text
    home = enterprise_a_app.get("/").html.select_one(".my-appointments").get_text(" ", strip=True)
    assert "已预约：1件" in home and "已回复：1件" in home
    assert "您预约的银川市市场监督管理局 2026-03-10 10:00-11:00已通过，请按时到场办理" in home
    data = enterprise_a_app.get(url, headers={"Accept": "application/json"}).json
    assert data["state"] == "approved" and data["reply"] == "请携带营业执照原件按时到场。"
    assert [h["transition"] for h in data["history"]] == ["approve"]
    assert data["transitions"] == ["cancel"]


def test_decline_needs_a_reply_and_gives_the_place_back(
    demo_wsgi_app, enterprise_a_app, reviewer_app
):
    res = book(enterprise_a_app)
    url, name = res.location, appointment_id(res)
    refused = transition(reviewer_app, url, "decline", "")
    assert refused.status_int == 200
    assert "请填写预约回复" in refused.html.select_one("form#transition-decline").text
    assert stored(demo_wsgi_app, name) == ("booked", "", 1)
    transition(reviewer_app, url, "decline", "该时段窗口已满，请改约。")
    assert stored(demo_wsgi_app, name) == ("declined", "该时段窗口已满，请改约。", 0)
    row = enterprise_a_app.get("/appointments/").html.select_one(".appointment-row").text
    assert "未同意" in row and "该时段窗口已满，请改约。" in row


def test_cancel_until_the_slot_begins_then_a_guard_says_why_not(
    demo_wsgi_app, enterprise_a_app, reviewer_app
):
    res = book(enterprise_a_app)
    url, name = res.location, appointment_id(res)
    transition(reviewer_app, url, "approve", "")
    # Not handled before the slot: the reviewer is not offered the move yet.
    assert "transition-finish" not in reviewer_app.get(url).forms
    slot_began(demo_wsgi_app, name, hours_ago=0.5)
    page = enterprise_a_app.get(url)
    assert "transition-cancel" not in page.forms
    assert "预约时段已开始" in page.html.select_one(".appointment-no-cancel").text
    reviewer_app.get(url).forms["transition-finish"].submit("finish").follow()
    assert stored(demo_wsgi_app, name)[0] == "done"
    row = enterprise_a_app.get("/appointments/").html.select_one(".appointment-row").text
    assert "已办理" in row


def test_a_cancel_posted_after_the_slot_began_is_refused(demo_wsgi_app, enterprise_a_app):
    res = book(enterprise_a_app)
    url, name = res.location, appointment_id(res)
    form = enterprise_a_app.get(url).forms["transition-cancel"]
    slot_began(demo_wsgi_app, name, hours_ago=0.5)
    refused = form.submit("cancel", status=409)
    assert "预约时段已开始" in refused.html.select_one(".appointment-refused").text
    assert stored(demo_wsgi_app, name)[0] == "booked"


def test_an_approved_appointment_whose_slot_passed_shows_expired(
    demo_wsgi_app, enterprise_a_app, reviewer_app
):
    res = book(enterprise_a_app)
    url, name = res.location, appointment_id(res)
    transition(reviewer_app, url, "approve", "")
    slot_began(demo_wsgi_app, name, hours_ago=2)
    page = enterprise_a_app.get(url)
    assert page.html.select_one(".appointment-status strong").text == "已过期"
    home = enterprise_a_app.get("/").html.select_one(".my-appointments").text
    assert "请按时到场办理" not in home


def test_an_unanswered_appointment_whose_slot_passed_shows_expired_and_may_be_declined(
    demo_wsgi_app, enterprise_a_app, reviewer_app
):
    res = book(enterprise_a_app)
    url, name = res.location, appointment_id(res)
    slot_began(demo_wsgi_app, name, hours_ago=2)
    row = enterprise_a_app.get("/appointments/").html.select_one(".appointment-row").text
    assert "已过期" in row
    forms = reviewer_app.get(url).forms
    assert "transition-approve" not in forms  # too late to approve
    transition(reviewer_app, url, "decline", "未能及时处理，请重新预约。")
    assert stored(demo_wsgi_app, name)[0] == "declined"


def test_a_stale_form_is_refused(demo_wsgi_app, enterprise_a_app, reviewer_app):
    res = book(enterprise_a_app)
    url, name = res.location, appointment_id(res)
    form = reviewer_app.get(url).forms["transition-approve"]
    transition(enterprise_a_app, url, "cancel")
    refused = form.submit("approve", status=409)
    assert "刚刚被他人处理" in refused.html.select_one(".appointment-refused").text
    assert stored(demo_wsgi_app, name)[0] == "cancelled"


def test_the_owner_alone_cancels_staff_alone_reply(enterprise_a_app, reviewer_app, admin_app):
    url = book(enterprise_a_app).location
    assert set(enterprise_a_app.get(url).forms) >= {"transition-cancel"}
    assert not {"transition-approve", "transition-decline"} & set(enterprise_a_app.get(url).forms)
    for staff in (reviewer_app, admin_app):
        forms = set(staff.get(url).forms)
        assert {"transition-approve", "transition-decline"} <= forms
        assert "transition-cancel" not in forms
    # A forged cancel by staff is refused.
    form = enterprise_a_app.get(url).forms["transition-cancel"]
    fields = dict(form.submit_fields())
    fields["csrf_token"] = reviewer_app.get(url).forms["transition-approve"]["csrf_token"].value
    res = reviewer_app.post(url, {**fields, "cancel": "cancel"}, status=409)
    assert "不能进行此操作" in res.html.select_one(".appointment-refused").text


def test_every_move_is_recorded_with_who_when_and_the_reply(
    demo_wsgi_app, enterprise_a_app, reviewer_app
):
    from tests.conftest import RootAccess

    res = book(enterprise_a_app)
    url, name = res.location, appointment_id(res)
    transition(reviewer_app, url, "approve", "好的")
    transition(enterprise_a_app, url, "cancel")
    with RootAccess(demo_wsgi_app) as root:
        history = list(root["appointments"][name].history)
    assert [
        (e["transition"], e["actor"], e["from_state"], e["to_state"], e["comment"]) for e in history
    ] == [
        ("approve", "shen_scjg", "booked", "approved", "好的"),
        ("cancel", "qiye_a", "approved", "cancelled", ""),
    ]
    now = get_clock(demo_wsgi_app.registry).now()
    assert [e["time"] for e in history] == [now, now]
