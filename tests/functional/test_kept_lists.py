"""The request lists (我的预约, 咨询列表, 我的投诉 and the staff queues) are kept per viewer
(web/pagecache.py ``kept_own_page``): each showing must still be the viewer's own and
current — after a reply, when the clock passes a slot, in another language, beside another
viewer — with the personal parts (name, counts, messages) put in fresh every time."""

from ningxia_portal.core.clock import get_clock
from tests.functional.appointments.support import book
from tests.functional.consultations.support import SUBJECT, ask, listed, move


def appointment_rows(res):
    return [r.get_text(" ", strip=True) for r in res.html.select(".appointment-row")]


def account_name(res):
    return res.html.select_one(".site-header").get_text(" ", strip=True)


def test_a_kept_list_shows_the_reply_at_once(enterprise_a_app, reviewer_app):
    path = ask(enterprise_a_app)
    enterprise_a_app.get("/consultations/")  # shows the message of the question sent
    first = enterprise_a_app.get("/consultations/")
    again = enterprise_a_app.get("/consultations/")
    assert first.body == again.body  # the same bytes, kept
    assert "未回复" in first.html.select_one(".consultation-row").text
    move(reviewer_app, path, "answer", "需要食品经营许可证，五个工作日内办结。")
    after = enterprise_a_app.get("/consultations/")
    assert listed(after) == [SUBJECT]
    assert "已回复" in after.html.select_one(".consultation-row").text
    queue = reviewer_app.get("/consultations/?answered=1")
    assert SUBJECT in queue.text


def test_two_viewers_never_share_a_kept_list(enterprise_a_app, enterprise_b_app):
    ask(enterprise_a_app, subject="甲公司的问题")
    ask(enterprise_b_app, subject="乙公司的问题")
    for _ in range(2):  # kept after the first showing: each still gets its own
        a = enterprise_a_app.get("/consultations/")
        b = enterprise_b_app.get("/consultations/")
        assert "甲公司的问题" in listed(a) and "乙公司的问题" not in a.text
        assert "乙公司的问题" in listed(b) and "甲公司的问题" not in b.text
        assert account_name(a) != account_name(b)


def test_a_message_is_shown_once_and_the_kept_page_holds_none(enterprise_a_app):
    ask(enterprise_a_app, subject="第一个问题")
    enterprise_a_app.get("/consultations/")
    kept = enterprise_a_app.get("/consultations/")  # kept, without a message
    assert kept.html.select(".flash") == []
    ask(enterprise_a_app, subject="第二个问题")  # its message waits for the next page
    flashed = enterprise_a_app.get("/consultations/")
    assert flashed.html.select_one(".flash").text == "您的咨询已提交至银川市市场监督管理局。"
    assert sorted(listed(flashed)) == ["第一个问题", "第二个问题"]
    later = enterprise_a_app.get("/consultations/")
    assert later.html.select(".flash") == [] and listed(later) == listed(flashed)
    assert flashed.headers["Cache-Control"] == later.headers["Cache-Control"] == "private, no-store"


def test_an_approved_appointment_shows_expired_when_its_slot_has_passed(
    demo_wsgi_app, as_persona, reviewer_app
):
    client = as_persona("enterprise_a")
    url = book(client, day="2026-03-03", slot="09:00-10:00").location
    reviewer_app.get(url).forms["transition-approve"].submit("approve")
    assert "已同意" in appointment_rows(client.get("/appointments/"))[0]
    get_clock(demo_wsgi_app.registry).advance(days=1, hours=2)  # past the slot: no write
    later = as_persona("enterprise_a")  # sessions end 12 hours after their login
    rows = appointment_rows(later.get("/appointments/"))
    assert "已同意" not in rows[0] and "已过期" in rows[0], rows[0]


def test_the_language_of_a_kept_list_is_the_viewers(enterprise_a_app):
    ask(enterprise_a_app)
    assert enterprise_a_app.get("/consultations/").html.select_one("h1").text == "咨询列表"
    enterprise_a_app.set_cookie("_LOCALE_", "en")
    assert enterprise_a_app.get("/consultations/").html.select_one("h1").text == "My consultations"


def test_a_kept_staff_queue_follows_a_new_question(enterprise_a_app, reviewer_app):
    before = reviewer_app.get("/consultations/")
    ask(enterprise_a_app, subject="新的咨询主题")
    after = reviewer_app.get("/consultations/")
    assert "新的咨询主题" not in before.text and "新的咨询主题" in listed(after)


def test_the_kept_staff_queue_moves_to_the_next_day(demo_wsgi_app, as_persona):
    """The staff's appointment queue opens on today's day: when the clock passes midnight
    the kept page of the day before is not shown."""
    first = as_persona("reviewer").get("/appointments/")
    day = first.html.select_one("input[name=day]")["value"]
    get_clock(demo_wsgi_app.registry).advance(days=1)
    later = as_persona("reviewer").get("/appointments/")  # sessions end after 12 hours
    assert later.html.select_one("input[name=day]")["value"] > day
