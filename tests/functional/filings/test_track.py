"""办件进度查询 (/track) without logging in: hits by the whole phone or its last four digits,
misses that all look alike, what a hit never shows, the throttle of misses, bad input, JSON."""

import re

from tests.functional.filings.support import (
    ITEM_COMPLETE,
    fill_apply,
    login,
    main_text,
    pdf,
    submit_filing,
    take,
)

PHONE = "13995000001"  # what submit_filing gives as the contact phone
JSON = {"Accept": "application/json"}
MISS = "未找到与该办件编号和联系电话相符的办件"
THROTTLED = "查询失败次数过多"
COMMENT = "内部意见：经营场所证明需复核QX"


def visitor(client, address="203.0.113.7"):
    """An anonymous browser at ``address``."""
    app = client()
    app.extra_environ["REMOTE_ADDR"] = address
    return app


def look_up(app, case_no, phone, status=200):
    form = app.get("/track").forms["track"]
    form["case_no"] = case_no
    form["phone"] = phone
    return form.submit("submit", status=status)


def look_up_json(app, case_no, phone, status=200):
    token = app.get("/track").forms["track"]["csrf_token"].value
    fields = {"csrf_token": token, "case_no": case_no, "phone": phone, "submit": "submit"}
    return app.post("/track", fields, headers=JSON, status=status)


def without_token(res):
    return re.sub(r'name="csrf_token" value="[^"]*"', 'name="csrf_token"', res.text)


def case_no_of(url):
    return url.split("/")[2]


def result_text(res):
    return res.html.select_one(".track-result").get_text(" ", strip=True)


def steps(res):
    return [
        (li.select_one("time").get_text(strip=True), li.select_one(".track-step").get_text())
        for li in res.html.select(".track-timeline li")
    ]


def test_a_case_is_found_by_its_number_and_whole_phone_or_last_four(client):
    _owner, url = submit_filing(client, ITEM_COMPLETE)  # Monday 2026-03-02 09:00
    case_no = case_no_of(url)
    for phone in (PHONE, "0001", "139 9500 0001", "１３９９５０００００１"):
        res = look_up(visitor(client), case_no, phone)
        text = result_text(res)
        assert case_no in text and "食品经营许可（新办）" in text
        assert res.html.select_one(".track-state").get_text() == "已提交，待预审"
        assert res.html.select_one(".track-deadline").get_text() == "2026-03-09"
        assert steps(res) == [("2026-03-02 09:00", "提交申请")]
        assert res.headers["Cache-Control"] == "no-store"
        assert "track" not in res.forms  # the answer, not the form


def test_the_timeline_names_the_steps_and_nobody_nor_any_comment(client, clock):
    _owner, url = submit_filing(client, ITEM_COMPLETE)
    staff = login(client(), "rev")  # 市场监管窗口 王芳
    for step in ("prereview", "accept", "complete"):
        clock.advance(hours=2)
        take(staff, url, step, comment=COMMENT)
    res = look_up(visitor(client), case_no_of(url), "0001")
    assert steps(res) == [
        ("2026-03-02 09:00", "提交申请"),
        ("2026-03-02 11:00", "预审通过"),
        ("2026-03-02 13:00", "受理"),
        ("2026-03-02 15:00", "办结"),
    ]
    assert res.html.select_one(".track-state").get_text() == "已办结"
    page = main_text(res)
    for hidden in (
        COMMENT,
        "王芳",
        "市场监管窗口",
        "张伟",  # the contact
        PHONE,
        "宁夏阿克米食品有限公司",  # the applicant
        "91640104MA76AB0C8B",
        "材料1.pdf",
        "申请新办食品经营许可证",  # the description
    ):
        assert hidden not in page and hidden not in res.text


def test_every_miss_is_the_same_page_and_echoes_nothing(client):
    _owner, url = submit_filing(client, ITEM_COMPLETE)
    case_no = case_no_of(url)
    wrong_number = look_up(visitor(client), "640100-20260302-000099", PHONE)
    wrong_phone = look_up(visitor(client), case_no, "13995000002")
    wrong_four = look_up(visitor(client), case_no, "0002")
    never_filed = look_up(visitor(client), "640104-20250101-000001", "0001")
    pages = [wrong_number, wrong_phone, wrong_four, never_filed]
    assert {p.status_int for p in pages} == {200}
    assert MISS in wrong_number.html.select_one(".track-message").get_text()
    assert {without_token(p) for p in pages} == {without_token(wrong_number)}
    for page in pages:  # nothing typed comes back
        form = page.forms["track"]
        assert (form["case_no"].value, form["phone"].value) == ("", "")
    assert "13995000002" not in wrong_phone.text and "0002" not in wrong_four.text


def test_a_draft_is_never_found(client, open_root, filing_wsgi_app):
    owner = login(client(), "acme")
    form = owner.get(ITEM_COMPLETE + "apply").forms["apply"]
    fill_apply(form, {0: pdf()})
    assert form.submit("save").status_int == 303
    with open_root(filing_wsgi_app) as root:
        (draft,) = [name for name in root["filings"] if name.startswith("draft-")]
    res = look_up(visitor(client), draft, PHONE)
    assert res.html.select_one(".item-case_no .invalid-feedback, .item-case_no .error")
    assert "640100-20260302-000001" in main_text(res)  # the format it asks for
    res = look_up(visitor(client), "640100-20260302-000001", PHONE)  # no number handed out
    assert MISS in main_text(res)


def test_bad_input_comes_back_with_the_values_and_a_message_at_the_field(client):
    app = visitor(client)
    res = look_up(app, "", "")
    assert res.status_int == 200
    errors = {
        field: res.html.select_one(f".item-{field}").get_text(" ", strip=True)
        for field in ("case_no", "phone")
    }
    assert "请输入办件编号" in errors["case_no"]
    assert "请输入联系电话或其后四位" in errors["phone"]

    res = look_up(app, "640100-2026", "139950")
    form = res.forms["track"]
    assert (form["case_no"].value, form["phone"].value) == ("640100-2026", "139950")
    assert "640100-20260302-000001" in res.html.select_one(".item-case_no").get_text()
    assert "后四位" in res.html.select_one(".item-phone").get_text()
    assert MISS not in main_text(res)


def test_misses_are_throttled_per_address_and_hits_do_not_count(client, clock):
    _owner, url = submit_filing(client, ITEM_COMPLETE)
    case_no = case_no_of(url)
    app = visitor(client)
    wrong_number = "640100-20260302-000099"  # (misses on one number have a limit of their own)
    for _ in range(9):
        assert MISS in main_text(look_up(app, wrong_number, "0009"))
    for _ in range(3):  # hits give their try back
        assert look_up(app, case_no, "0001").html.select_one(".track-result")
    for _ in range(5):  # bad input checks nothing, so counts nothing
        look_up(app, "640100", "0001")
    assert MISS in main_text(look_up(app, wrong_number, "0009"))  # the 10th miss

    res = look_up(app, case_no, "0001", status=429)  # even the right phone: nothing checked
    assert THROTTLED in res.html.select_one(".track-message").get_text()
    assert "15 分钟" in main_text(res) and not res.html.select(".track-result")
    assert look_up_json(app, case_no, PHONE, status=429).json["found"] is False

    other = visitor(client, "198.51.100.20")  # another address is not held up
    assert look_up(other, case_no, "0001").html.select_one(".track-result")

    clock.advance(minutes=16)  # the window has passed
    assert look_up(app, case_no, "0001").html.select_one(".track-result")


def test_guesses_at_one_case_from_many_addresses_end_its_last_four_shortcut(client, clock):
    _owner, url = submit_filing(client, ITEM_COMPLETE)
    case_no = case_no_of(url)
    never_filed = "640100-20260302-000099"
    for number in (case_no, never_filed):
        for n in range(10):  # 10 misses, each from an address of its own
            look_up(visitor(client, f"198.51.100.{n}"), number, f"{n + 2:04d}")
    app = visitor(client)
    refused = look_up(app, case_no, "0001")  # the right last four digits
    unknown = look_up(app, never_filed, "0001")
    assert not refused.html.select(".track-result")
    assert without_token(refused) == without_token(unknown)  # nothing says the case exists
    message = refused.html.select_one(".track-message").get_text()
    assert MISS in message and "请改填完整的联系电话" in message
    assert look_up(app, case_no, PHONE).html.select_one(".track-result")  # the whole phone
    clock.advance(hours=24)
    assert look_up(app, case_no, "0001").html.select_one(".track-result")


def test_json_answers_the_same_fields_and_the_same_miss(client, clock):
    _owner, url = submit_filing(client, ITEM_COMPLETE)
    case_no = case_no_of(url)
    staff = login(client(), "rev")
    clock.advance(hours=1)
    take(staff, url, "prereview", comment=COMMENT)
    app = visitor(client)
    found = look_up_json(app, case_no, "0001").json
    assert found == {
        "found": True,
        "case_no": case_no,
        "item": "食品经营许可（新办）",
        "department": found["department"],
        "center": "银川市",
        "state": "prereview_passed",
        "state_title": "预审通过",
        "submitted": "2026-03-02T09:00:00+08:00",
        "deadline": "2026-03-09",
        "finished": None,
        "timeline": [
            {"time": "2026-03-02T09:00:00+08:00", "step": "提交申请"},
            {"time": "2026-03-02T10:00:00+08:00", "step": "预审通过"},
        ],
    }
    assert found["department"] and COMMENT not in str(found)

    wrong_number = look_up_json(app, "640100-20260302-000099", PHONE, status=404)
    wrong_phone = look_up_json(app, case_no, "13995000002", status=404)
    assert wrong_number.body == wrong_phone.body
    assert wrong_number.json == {"found": False, "message": wrong_number.json["message"]}
    assert MISS in wrong_number.json["message"]

    bad = look_up_json(app, "x", "", status=400).json
    assert set(bad["errors"]) == {"case_no", "phone"} and bad["found"] is False


def test_anyone_finds_the_lookup_from_the_home_page_and_the_header(client):
    app = visitor(client)
    home = app.get("/")
    tools = [a for a in home.html.select("a") if a.get("href", "").endswith("/track")]
    assert {a.get_text(strip=True) for a in tools} == {"办件进度查询"}
    assert len(tools) == 2  # a common tool and a link of the header
    page = app.get("/track")
    form = page.forms["track"]
    assert form.method.upper() == "POST" and form.action in ("", "/track")
    assert page.html.select_one("h1").get_text() == "办件进度查询"
    # The form works without JavaScript: a plain POST of its fields.
    assert {"csrf_token", "case_no", "phone"} <= set(form.fields)


def test_a_kept_answer_follows_the_case(client, clock):
    _owner, url = submit_filing(client, ITEM_COMPLETE)
    app = visitor(client)
    assert [s for _, s in steps(look_up(app, case_no_of(url), "0001"))] == ["提交申请"]
    clock.advance(hours=1)
    take(login(client(), "rev"), url, "prereview")
    res = look_up(app, case_no_of(url), "0001")
    assert [s for _, s in steps(res)] == ["提交申请", "预审通过"]
    assert res.html.select_one(".track-state").get_text() == "预审通过"
    token = app.get("/track").forms["track"]["csrf_token"].value
    fields = {"csrf_token": token, "case_no": case_no_of(url), "phone": "0001", "submit": "submit"}
    english = app.post("/track?_LOCALE_=en", fields)  # kept per language too
    assert english.html.select_one(".track-state").get_text() == "Pre-review passed"
    assert [s for _, s in steps(english)] == ["Application submitted", "Pre-review passed"]


def test_a_kept_answer_shows_each_viewer_their_own_header(client):
    _owner, url = submit_filing(client, ITEM_COMPLETE)
    for username, name in (("acme", "宁夏阿克米食品有限公司"), ("other", "银川其他商贸有限公司")):
        app = login(client(), username)
        res = look_up(app, case_no_of(url), "0001")
        assert res.html.select_one(".account-name").get_text(strip=True) == name
        assert res.forms["header-logout"]["csrf_token"].value == app.csrf_token
        assert steps(res) == [("2026-03-02 09:00", "提交申请")]


def test_a_file_for_a_text_field_is_refused_and_checks_nothing(client):
    app = visitor(client)
    token = app.get("/track").forms["track"]["csrf_token"].value
    res = app.post(
        "/track",
        {"csrf_token": token, "phone": "0001"},
        upload_files=[("case_no", "case.txt", b"640100-20260302-000001")],
        status=400,
    )
    assert MISS not in res.text and not res.html.select(".track-result")
