"""Booking: from an item page, prefilled; the choices narrowing without JavaScript; every bad
value refused at its field with the others kept; a full slot; who may book."""

import pytest

from tests.functional.appointments.support import (
    DAY,
    ITEM,
    SLOT,
    VALUES,
    appointment_id,
    book,
    booking_form,
    errors,
    set_schedule,
    stored,
)


def test_book_from_an_item_page_prefilled_and_see_it_in_my_appointments(enterprise_a_app):
    form = booking_form(enterprise_a_app)
    assert (form["center"].value, form["department"].value, form["item"].value) == (
        "640100",
        "scjg",
        "xk-scjg-001",
    )
    # Only the chosen center's departments, and the chosen department's items, are offered.
    departments = [v for v, _sel, _t in form["department"].options if v]
    assert "scjg" in departments and "sw" in departments
    items = [v for v, _sel, _t in form["item"].options if v]
    assert "xk-scjg-001" in items and not any(v.startswith("xk-sw") for v in items)
    form["contact"] = "王经理"
    form["phone"] = "0951-6031101"
    form["day"] = DAY
    form = form.submit("refresh").forms["appointment"]  # the slots with their places
    assert ("10:00-11:00", False, "10:00-11:00（余5个名额）") in form["slot"].options
    assert form["contact"].value == "王经理" and form["phone"].value == "0951-6031101"
    form["slot"] = SLOT
    form["content"] = "现场提交食品经营许可材料。"
    res = form.submit("submit")
    assert res.status_int == 303
    page = res.follow()
    assert "您已成功预约2026-03-10 10:00-11:00" in page.html.select_one(".flash").text
    assert page.html.select_one(".appointment-status strong").text == "已预约，待回复"
    facts = page.html.select_one(".appointment-facts").get_text(" ", strip=True)
    for text in ("王经理", "0951-6031101", "银川市市场监督管理局", "食品经营许可（新办）"):
        assert text in facts
    mine = enterprise_a_app.get("/appointments/")
    assert mine.html.select_one("h1").text == "我的预约"
    row = mine.html.select_one(".appointment-row").get_text(" ", strip=True)
    assert "2026-03-10 10:00-11:00" in row and "已预约，待回复" in row
    data = enterprise_a_app.get("/appointments/", headers={"Accept": "application/json"}).json
    assert data["mode"] == "mine" and data["total"] == 1
    assert data["appointments"][0]["slot"] == SLOT


def test_refresh_narrows_to_the_chosen_center_keeping_every_value(enterprise_a_app):
    form = enterprise_a_app.get("/appointments/new").forms["appointment"]
    assert [v for v, _s, _t in form["department"].options] == [""]
    form["center"] = "640000"
    form["content"] = "咨询"
    res = form.submit("refresh")
    form = res.forms["appointment"]
    assert errors(res) == {}
    assert form["center"].value == "640000" and form["content"].value == "咨询"
    titles = [t for v, _s, t in form["department"].options if v]
    assert "宁夏回族自治区市场监督管理厅" in titles
    assert not any("银川市" in t for t in titles)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "12345", "手机号"),
        ("phone", "0951-12", "手机号"),
        ("email", "not-an-email", "有效的电子邮箱"),
        ("day", "2026-03-02", "明天及以后"),  # today
        ("day", "2026-02-27", "明天及以后"),  # past
        ("day", "2026-03-07", "不是工作日"),  # a Saturday
        ("day", "2026-04-20", "30天以内"),
        ("day", "2026-13-40", "日期"),
        ("slot", "08:00-09:00", "该部门的预约时段"),
        ("department", "no-such", "所选预约中心下的部门"),
        ("department", "rs", "所选预约部门的办件"),  # xk-scjg-001 is not of rs
        ("item", "xk-sw-001", "所选预约部门的办件"),
        ("content", "", "请填写预约内容"),
        ("contact", "", "请填写预约人"),
        ("phone", "", "请填写联系电话"),
        ("content", "长" * 501, "最多500个字符"),
        ("contact", "名" * 51, "最多50个字符"),
    ],
)
def test_each_bad_value_is_refused_at_its_field_keeping_the_others(
    enterprise_a_app, field, value, message
):
    res = book(enterprise_a_app, status=200, **{field: value})
    shown = errors(res)
    expected_field = "item" if (field, value) == ("department", "rs") else field
    assert message in shown.get(expected_field, ""), shown
    form = res.forms["appointment"]
    for name in ("contact", "phone", "email", "content"):
        if name != field:
            assert form[name].value == VALUES[name]
    assert form[field].value == value or field in ("department", "item", "slot")
    data = enterprise_a_app.get("/appointments/", headers={"Accept": "application/json"}).json
    assert data["total"] == 0


def test_a_full_slot_cannot_be_booked_and_says_so(demo_wsgi_app, as_persona):
    set_schedule(demo_wsgi_app, "640100/scjg", ("09:00-10:00", "10:00-11:00"), 1)
    first = as_persona("enterprise_a")
    name = appointment_id(book(first))
    second = as_persona("enterprise_b")
    res = book(second, status=200)
    assert "该时段已约满" in errors(res)["slot"]
    assert res.forms["appointment"]["content"].value == VALUES["content"]
    assert ("10:00-11:00", True, "10:00-11:00（已约满）") in res.forms["appointment"][
        "slot"
    ].options
    # A slot the department no longer offers (own slots now) is refused too.
    res = book(second, status=200, slot="14:30-15:30")
    assert "该部门的预约时段" in errors(res)["slot"]
    assert stored(demo_wsgi_app, name)[2] == 1


def test_a_cancel_gives_the_place_back(demo_wsgi_app, as_persona):
    set_schedule(demo_wsgi_app, "640100/scjg", ("10:00-11:00",), 1)
    first = as_persona("enterprise_a")
    url = book(first).location
    page = first.get(url)
    page.forms["transition-cancel"].submit("cancel").follow()
    assert stored(demo_wsgi_app, appointment_id(book(as_persona("enterprise_b"))))[2] == 1


def test_visitors_log_in_first_and_staff_may_not_book(as_persona, reviewer_app, admin_app):
    app = as_persona(None)
    res = app.get("/appointments/new")
    assert res.status_int == 302 and "/login?came_from=" in res.location
    res = app.get(ITEM + "appointment").follow()
    assert "/login" in res.location
    for staff in (reviewer_app, admin_app):
        assert staff.get("/appointments/new", status=403).status_int == 403
        assert "在线预约" not in staff.get(ITEM).html.select_one("main").text


def test_options_json_follows_center_department_and_day(enterprise_a_app):
    res = enterprise_a_app.get(
        "/appointments/options",
        {"center": "640100", "department": "scjg", "day": DAY},
        headers={"Accept": "application/json"},
    )
    data = res.json
    assert ["scjg", "银川市市场监督管理局"] in data["departments"]
    assert ["xk-scjg-001", "食品经营许可（新办）"] in data["items"]
    assert ["10:00-11:00", "10:00-11:00（余5个名额）"] in data["slots"]
    data = enterprise_a_app.get(
        "/appointments/options", {"center": "640100", "department": "scjg", "day": "2026-03-07"}
    ).json
    assert "不是工作日" in data["day_error"]


def test_each_enterprise_gets_its_own_values_in_the_form_shown_first(demo_wsgi_app, as_persona):
    from tests.conftest import committing

    with committing(demo_wsgi_app) as root:
        root["principals"]["qiye_a"].contact = "甲经理"
        root["principals"]["qiye_b"].contact = '乙"<经理>'
        root["principals"]["qiye_b"].phone = "0951-6000000"
    for who, contact, phone in (
        ("enterprise_a", "甲经理", ""),
        ("enterprise_b", '乙"<经理>', "0951-6000000"),
    ):
        client = as_persona(who)
        page = client.get("/appointments/new?center=640100&department=scjg")
        form = page.forms["appointment"]
        assert (form["contact"].value, form["phone"].value) == (contact, phone)
        assert form["csrf_token"].value == page.forms["header-logout"]["csrf_token"].value
        assert "@@appointment-" not in page.text
