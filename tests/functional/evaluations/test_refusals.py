"""Every way a rating, an answer or a follow-up is refused: a clear Chinese message or 403,
and nothing stored."""

import pytest

from tests.functional.evaluations.support import (
    GOOD,
    POOR,
    answer,
    case_url,
    field_error,
    follow_up,
    main_text,
    new_case,
    rate,
    rate_form,
    set_level,
    stored,
)

JSON = {"Accept": "application/json"}


def nothing_stored(wsgi_app, case_no):
    evaluation, counts = stored(wsgi_app, case_no)
    assert evaluation is None
    assert counts.get("n") == 1  # the demo's rating alone


def test_a_case_not_finished_cannot_be_rated(demo_wsgi_app, enterprise_a_app):
    case_no = new_case(demo_wsgi_app, steps=("prereview",))
    page = enterprise_a_app.get(case_url(case_no) + "rate")
    assert "办件办结后才能评价。" in main_text(page) and "rate" not in page.forms
    token = enterprise_a_app.get(case_url(case_no)).forms["header-logout"]["csrf_token"].value
    fields = {"csrf_token": token, "comment": "", "rate": "rate"}
    res = enterprise_a_app.post(case_url(case_no) + "rate", fields, status=409)
    assert "办件办结后才能评价。" in main_text(res)
    nothing_stored(demo_wsgi_app, case_no)


@pytest.mark.parametrize("bad", ["6", "0", "abc", ""])
def test_a_level_out_of_range_comes_back_at_its_field(demo_wsgi_app, enterprise_a_app, bad):
    case_no = new_case(demo_wsgi_app)
    page, form = rate_form(enterprise_a_app, case_no)
    for name, level in GOOD.items():
        set_level(page, form, name, level)
    form["comment"] = "窗口服务很好。"
    radio = page.html.select_one('input[name="__start__"][value="guide:rename"]')
    name = radio.find_next("input", type="radio")["name"]
    fields = [(k, bad if k == name else v) for k, v in form.submit_fields()]
    if bad == "":
        fields = [(k, v) for k, v in fields if k != name]
    res = enterprise_a_app.post(case_url(case_no) + "rate", [*fields, ("rate", "rate")])
    assert res.status_int == 200
    assert "请在五个等级中选择一项。" in main_text(res)
    again = res.forms["rate"]
    assert again["comment"].value == "窗口服务很好。"  # every value kept
    start = res.html.select_one('input[name="__start__"][value="overall:rename"]')
    chosen = start.find_next("input", type="radio", checked=True)
    assert chosen is not None and chosen["value"] == "5"
    nothing_stored(demo_wsgi_app, case_no)


def test_a_comment_too_long(demo_wsgi_app, enterprise_a_app):
    case_no = new_case(demo_wsgi_app)
    res = rate(enterprise_a_app, case_no, GOOD, comment="很" * 501, status=200)
    assert "最多 500 个字符" in main_text(res) or "500" in field_error(res, "comment")
    nothing_stored(demo_wsgi_app, case_no)


def test_a_second_rating_is_refused(demo_wsgi_app, enterprise_a_app):
    case_no = new_case(demo_wsgi_app)
    page, form = rate_form(enterprise_a_app, case_no)  # a second form, opened before
    rate(enterprise_a_app, case_no, POOR)
    for name, level in GOOD.items():
        set_level(page, form, name, level)
    res = form.submit("rate", status=409)
    assert "您已评价过该办件，每个办件只能评价一次。" in main_text(res)
    assert "您已评价过该办件" in main_text(enterprise_a_app.get(case_url(case_no) + "rate"))
    evaluation, counts = stored(demo_wsgi_app, case_no)
    assert evaluation["scores"] == POOR and counts["n"] == 2


@pytest.mark.parametrize("persona", ["enterprise_b", "reviewer", "admin", None])
def test_nobody_but_the_owner_rates(demo_wsgi_app, as_persona, persona):
    case_no = new_case(demo_wsgi_app)
    owner_form = rate_form(as_persona("enterprise_a"), case_no)[1]
    testapp = as_persona(persona)
    page = testapp.get(case_url(case_no) + "rate", expect_errors=True)
    # Those who may see the case are refused (403); anyone else finds no such case (404).
    refused = 403 if persona in ("reviewer", "admin") else 404
    assert page.status_int in (refused, 302) and "rate" not in getattr(page, "forms", {})
    if persona is not None:
        token = testapp.get("/").forms["header-logout"]["csrf_token"].value
        fields = [(k, token if k == "csrf_token" else v) for k, v in owner_form.submit_fields()]
        res = testapp.post(case_url(case_no) + "rate", fields, expect_errors=True)
        assert res.status_int == refused
    nothing_stored(demo_wsgi_app, case_no)


def test_follow_up_before_the_answer_and_twice(demo_wsgi_app, enterprise_a_app, reviewer_app):
    case_no = new_case(demo_wsgi_app)
    rate(enterprise_a_app, case_no, POOR)
    page = enterprise_a_app.get(f"/evaluations/{case_no}/")
    assert "evaluation-follow_up" not in page.forms
    token = page.forms["header-logout"]["csrf_token"].value
    forged = {
        "__formid__": "evaluation-follow_up",
        "csrf_token": token,
        "revision": "0",
        "comment": "",
        "follow_up": "follow_up",
    }
    res = enterprise_a_app.post(f"/evaluations/{case_no}/", forged, status=409)
    assert "该评价当前状态下不能进行此操作。" in main_text(res)
    assert stored(demo_wsgi_app, case_no)[0]["history"] == []

    answer(reviewer_app, case_no, "已整改。")
    first = enterprise_a_app.get(f"/evaluations/{case_no}/").forms["evaluation-follow_up"]
    follow_up(enterprise_a_app, case_no, 3)
    first["comment"] = "再评一次"
    res = first.submit("follow_up", status=409)  # a second follow-up
    assert "该评价刚刚被他人更新" in main_text(res) or "您已追评过" in main_text(res)
    forged["revision"] = str(2)
    res = enterprise_a_app.post(f"/evaluations/{case_no}/", forged, status=409)
    assert "您已追评过，每个评价只能追评一次。" in main_text(res)
    evaluation = stored(demo_wsgi_app, case_no)[0]
    assert evaluation["follow_up"]["level"] == 3
    assert [h["transition"] for h in evaluation["history"]] == ["answer", "follow_up"]


def test_a_follow_up_level_out_of_range(demo_wsgi_app, enterprise_a_app, reviewer_app):
    case_no = new_case(demo_wsgi_app)
    rate(enterprise_a_app, case_no, POOR)
    answer(reviewer_app, case_no, "已整改。")
    page = enterprise_a_app.get(f"/evaluations/{case_no}/")
    form = page.forms["evaluation-follow_up"]
    form["comment"] = "一般"
    start = page.html.select_one('input[name="__start__"][value="level:rename"]')
    name = start.find_next("input", type="radio")["name"]
    fields = [(k, v) for k, v in form.submit_fields() if k != name]
    res = enterprise_a_app.post(
        f"/evaluations/{case_no}/", [*fields, (name, "9"), ("follow_up", "follow_up")]
    )
    assert res.status_int == 200 and "请在五个等级中选择一项。" in main_text(res)
    assert res.forms["evaluation-follow_up"]["comment"].value == "一般"
    assert stored(demo_wsgi_app, case_no)[0]["follow_up"] is None


def test_a_reviewer_of_another_department_cannot_answer(
    demo_wsgi_app, enterprise_a_app, reviewer_app, other_reviewer_app
):
    case_no = new_case(demo_wsgi_app)
    rate(enterprise_a_app, case_no, POOR)
    form = reviewer_app.get(f"/evaluations/{case_no}/").forms["evaluation-answer"]
    form["comment"] = "冒名答复"
    token = other_reviewer_app.get("/").forms["header-logout"]["csrf_token"].value
    fields = [(k, token if k == "csrf_token" else v) for k, v in form.submit_fields()]
    res = other_reviewer_app.post(
        f"/evaluations/{case_no}/", [*fields, ("answer", "answer")], expect_errors=True
    )
    assert res.status_int == 404  # not theirs to see: as if it didn't exist
    other_reviewer_app.get(f"/evaluations/{case_no}/", status=404)
    # Nor does the enterprise answer its own task.
    assert "evaluation-answer" not in enterprise_a_app.get(f"/evaluations/{case_no}/").forms
    evaluation = stored(demo_wsgi_app, case_no)[0]
    assert evaluation["state"] == "open" and evaluation["history"] == []


def test_an_admin_answers_but_never_follows_up(demo_wsgi_app, enterprise_a_app, admin_app):
    case_no = new_case(demo_wsgi_app)
    rate(enterprise_a_app, case_no, POOR)
    assert case_no in main_text(admin_app.get("/evaluations/"))
    answer(admin_app, case_no, "管理员督办整改。")
    assert "evaluation-follow_up" not in admin_app.get(f"/evaluations/{case_no}/").forms
    assert stored(demo_wsgi_app, case_no)[0]["state"] == "answered"
