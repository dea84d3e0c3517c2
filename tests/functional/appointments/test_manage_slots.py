"""/manage/appointments/: admins give a department its own slots and capacity; the booking
form and the checks follow them; bad slots are refused at the field; back to the default."""

from tests.functional.appointments.support import VALUES, book, errors


def test_admin_sets_a_departments_slots_and_the_booking_form_follows(admin_app, enterprise_a_app):
    page = admin_app.get("/manage/appointments/")
    assert "09:00-10:00、10:00-11:00" in page.html.select_one(".slots-default").text
    form = page.forms["schedule"]
    form["department"] = "640100/scjg"
    form["slots"] = "08:30-09:30 13:00-14:00"
    form["capacity"] = "2"
    page = form.submit("submit").follow()
    assert "部门的预约时段已保存" in page.html.select_one(".flash").text
    row = page.html.select_one(".appointment-schedules .schedule").get_text(" ", strip=True)
    assert "银川市市场监督管理局" in row and "08:30-09:30、13:00-14:00" in row and "2" in row
    res = book(enterprise_a_app, status=200)  # 10:00-11:00 is no slot of it any more
    assert "该部门的预约时段" in errors(res)["slot"]
    slots = [v for v, _s, _t in res.forms["appointment"]["slot"].options if v]
    assert slots == ["08:30-09:30", "13:00-14:00"]
    assert book(enterprise_a_app, slot="13:00-14:00").status_int == 303
    # Back to the default slots.
    page = admin_app.get("/manage/appointments/")
    remove = [f for f in page.forms.values() if f.action.endswith("/remove")][0]
    page = remove.submit().follow()
    assert "恢复默认时段" in page.html.select_one(".flash").text
    assert book(enterprise_a_app, slot=VALUES["slot"]).status_int == 303


def test_bad_slots_and_capacity_are_refused_at_their_fields(admin_app):
    form = admin_app.get("/manage/appointments/").forms["schedule"]
    form["department"] = "640100/scjg"
    form["slots"] = "09:00-10:30 10:00-11:00"
    form["capacity"] = "0"
    res = form.submit("submit")
    text = res.html.select_one("form#schedule").get_text(" ", strip=True)
    assert "或与其他时段重叠" in text and "至少为1" in text
    assert res.forms["schedule"]["slots"].value == "09:00-10:30 10:00-11:00"
    assert len(admin_app.get("/manage/appointments/").html.select(".schedule")) == 0
