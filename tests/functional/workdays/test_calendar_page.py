"""``/manage/calendar/``: admins see this and next year's arrangements and override single days
through the real forms; every other role is refused."""

from datetime import date

import pytest

from ningxia_portal.workdays.calendar import calendar_of

NOTE = "国务院办公厅关于2027年部分节假日安排的通知"


def main_text(res, selector="main"):
    return res.html.select_one(selector).get_text(" ", strip=True)


def add(app, day, kind, note=NOTE):
    form = app.get("/manage/calendar/").forms["override"]
    form["date"] = day
    form["kind"] = kind
    form["note"] = note
    return form.submit("submit")


def stored(wsgi_app, open_root):
    with open_root(wsgi_app) as root:
        section = root["manage"]["calendar"]
        return {day.isoformat(): dict(r) for day, r in section.overrides.items()}


def test_the_page_tells_an_official_year_from_a_provisional_one(admin_app):
    page = admin_app.get("/manage/calendar/")
    assert page.html.h1.text == "节假日日历"
    this_year = main_text(page, "#year-2026")
    assert "正式" in this_year and "暂定" not in this_year
    assert "春节 2026-02-15 – 2026-02-23 9" in this_year
    assert "2026-02-28（星期六）" in this_year  # a make-up working day
    next_year = main_text(page, "#year-2027")
    assert "暂定" in next_year and "按农历推算" in next_year
    assert "春节 2027-02-05 – 2027-02-08 4" in next_year  # from 除夕
    assert "元旦 2027-01-01 1" in next_year
    assert "调休上班日：暂无" in next_year
    assert "暂无调整" in main_text(page, ".calendar-overrides")
    assert "节假日日历" in main_text(admin_app.get("/manage/"))


def test_add_edit_and_remove_an_override(admin_app, demo_wsgi_app, open_root):
    res = add(admin_app, "2027-02-09", "holiday")
    assert res.status_int == 302
    page = res.follow()
    assert "2027-02-09 的调整已保存" in main_text(page, "header")
    row = main_text(page, ".calendar-overrides tbody tr")
    assert row.startswith("2027-02-09 （星期二） 休息日 " + NOTE + " 周管理 2026-03-02 09:00")
    saved = stored(demo_wsgi_app, open_root)["2027-02-09"]
    assert saved["kind"] == "holiday" and saved["note"] == NOTE and saved["actor"] == "周管理"
    with open_root(demo_wsgi_app) as root:
        calendar = calendar_of(root)
        assert not calendar.is_working_day(date(2027, 2, 9))

    edit = page.click(href="/manage/calendar/2027-02-09/")
    assert edit.html.h1.text == "2027-02-09（星期二）的调整"
    form = edit.forms["override-edit"]
    assert form["kind"].value == "holiday" and form["note"].value == NOTE
    form["kind"] = "workday"
    form["note"] = "改为上班"
    page = form.submit("submit").follow()
    assert "工作日 改为上班" in main_text(page, ".calendar-overrides")
    assert stored(demo_wsgi_app, open_root)["2027-02-09"]["kind"] == "workday"

    page = admin_app.get("/manage/calendar/2027-02-09/").forms["remove-override"].submit().follow()
    assert "2027-02-09 的调整已删除" in main_text(page, "header")
    assert "暂无调整" in main_text(page, ".calendar-overrides")
    assert stored(demo_wsgi_app, open_root) == {}
    admin_app.get("/manage/calendar/2027-02-09/", status=404)
    admin_app.get("/manage/calendar/not-a-date/", status=404)


@pytest.mark.parametrize(
    ("day", "kind", "note", "messages"),
    [
        ("2040-01-01", "holiday", NOTE, ["请选择 2025-01-01 至 2031-12-31 之间的日期。"]),
        ("2027-02-30", "holiday", NOTE, ["无效日期"]),
        ("", "holiday", NOTE, ["请填写日期。"]),
        ("2027-02-09", "", NOTE, ["请选择该日为工作日还是休息日。"]),
        ("2027-02-09", "holiday", "", ["请填写说明：为何调整该日。"]),
        ("2027-02-09", "holiday", "x", ["说明至少 2 个字。"]),
        ("2027-02-09", "workday", "长" * 101, ["说明最多 100 个字。"]),
    ],
)
def test_bad_input_comes_back_with_the_values_and_a_message_at_the_field(
    admin_app, demo_wsgi_app, open_root, day, kind, note, messages
):
    res = add(admin_app, day, kind, note)
    assert res.status_int == 200
    errors = " ".join(e.get_text() for e in res.html.select("form#override .invalid-feedback"))
    for message in messages:
        assert message in errors
    form = res.forms["override"]
    assert (form["date"].value, form["kind"].value, form["note"].value) == (day, kind, note)
    assert stored(demo_wsgi_app, open_root) == {}


def test_a_second_override_of_a_date_is_refused_at_the_field(admin_app, demo_wsgi_app, open_root):
    add(admin_app, "2027-02-09", "holiday")
    res = add(admin_app, "2027-02-09", "workday", "再次调整")
    assert res.status_int == 200
    errors = " ".join(e.get_text() for e in res.html.select("form#override .invalid-feedback"))
    assert "2027-02-09 已有调整，请在上方列表中修改或删除。" in errors
    assert res.forms["override"]["note"].value == "再次调整"
    assert stored(demo_wsgi_app, open_root)["2027-02-09"]["kind"] == "holiday"


def test_an_edit_with_bad_input_keeps_the_values(admin_app, demo_wsgi_app, open_root):
    add(admin_app, "2027-02-09", "holiday")
    form = admin_app.get("/manage/calendar/2027-02-09/").forms["override-edit"]
    form["note"] = "长" * 101
    res = form.submit("submit")
    assert res.status_int == 200 and "说明最多 100 个字。" in main_text(res)
    assert res.forms["override-edit"]["note"].value == "长" * 101
    assert stored(demo_wsgi_app, open_root)["2027-02-09"]["note"] == NOTE


def test_a_post_without_the_csrf_token_changes_nothing(admin_app, demo_wsgi_app, open_root):
    form = admin_app.get("/manage/calendar/").forms["override"]
    form["date"], form["kind"], form["note"] = "2027-02-09", "holiday", NOTE
    form["csrf_token"] = "forged"
    assert form.submit("submit", status=400).status_int == 400
    assert stored(demo_wsgi_app, open_root) == {}
    add(admin_app, "2027-02-09", "holiday")
    form = admin_app.get("/manage/calendar/2027-02-09/").forms["remove-override"]
    form["csrf_token"] = "forged"
    form.submit(status=400)
    assert list(stored(demo_wsgi_app, open_root)) == ["2027-02-09"]


@pytest.mark.parametrize("who", ["editor", "reviewer", "enterprise_a", None])
def test_only_admins_enter_the_calendar(as_persona, admin_app, demo_wsgi_app, open_root, who):
    add(admin_app, "2027-02-09", "holiday")
    app = as_persona(who)
    # The calendar (known to all) refuses; a date in it answers as a missing page.
    for url, refused in (("/manage/calendar/", 403), ("/manage/calendar/2027-02-09/", 404)):
        res = app.get(url, status="*")
        if who is None:
            assert res.status_int == 302 and "/login?came_from=" in res.location
        else:
            assert res.status_int == refused and NOTE not in res.text
    if who is not None:
        token = app.get("/").forms["header-logout"]["csrf_token"].value
        res = app.post("/manage/calendar/2027-02-09/remove", {"csrf_token": token}, status="*")
        assert res.status_int == 404
        assert "节假日日历" not in main_text(app.get("/manage/", status="*"))
    assert list(stored(demo_wsgi_app, open_root)) == ["2027-02-09"]


@pytest.mark.parametrize("who", ["editor", "enterprise_a", None])
def test_whether_a_date_has_an_override_is_no_answer_to_others(as_persona, admin_app, who):
    """A date with an override and one without answer alike to anyone but an admin."""
    add(admin_app, "2027-02-09", "holiday")
    app = as_persona(who)
    answers = []
    for url in ("/manage/calendar/2027-02-09/", "/manage/calendar/2027-02-10/"):
        res = app.get(url, status="*")
        answers.append((res.status_int, res.location and res.location.split("?")[0]))
    assert answers[0] == answers[1]
    assert answers[0][0] == (302 if who is None else 404)


def test_an_admin_gets_not_found_for_a_date_without_an_override(
    admin_app, demo_wsgi_app, open_root
):
    add(admin_app, "2027-02-09", "holiday")
    res = admin_app.get("/manage/calendar/2027-02-10/", status=404)
    assert res.html.h1.text == "页面不存在" and "override-edit" not in res.forms
    token = admin_app.get("/").forms["header-logout"]["csrf_token"].value
    res = admin_app.post("/manage/calendar/2027-02-10/remove", {"csrf_token": token}, status=404)
    assert res.html.h1.text == "页面不存在"
    res = admin_app.get("/manage/calendar/2027-2-09/", status=404)  # not the date's spelling
    assert res.html.h1.text == "页面不存在"
    assert list(stored(demo_wsgi_app, open_root)) == ["2027-02-09"]  # nothing else changed
