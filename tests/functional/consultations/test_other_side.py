"""From the other side: another enterprise and a reviewer of another department get 403 or
404 on each consultation and its JSON, and find nothing of it in lists, counts or search."""

import json
from urllib.parse import quote

import pytest

from tests.functional.consultations.support import JSON, SUBJECT, ask, listed, move

SECRET = "只有本企业和该部门能看到的咨询"


def text_of(res):
    """What a person reads of the answer: JSON decoded (its text escapes Chinese)."""
    if res.content_type == "application/json":
        return json.dumps(res.json, ensure_ascii=False)
    return res.text


def q(query):
    """``?name=value`` with the value percent-encoded."""
    name, _sep, value = query.partition("=")
    return f"?{name}={quote(value)}"


@pytest.fixture
def asked(enterprise_a_app, reviewer_app):
    """Two consultations of enterprise_a to 640100/scjg: one waiting, one answered."""
    waiting = ask(enterprise_a_app, subject=SECRET, name="张三", phone="13912345678")
    answered = ask(enterprise_a_app, subject=SECRET + "（已答复）")
    move(reviewer_app, answered, "answer", "答复内容：请到窗口咨询。")
    return waiting, answered


@pytest.mark.parametrize("who", ["enterprise_b", "other_reviewer", "editor"])
def test_others_are_refused_each_consultation_and_its_json(as_persona, asked, who):
    client = as_persona(who)
    for path in asked:
        for headers in ({}, JSON):
            res = client.get(path, headers=headers, status="*")
            assert res.status_int in (403, 404), (path, res.status)
            assert SECRET not in text_of(res) and "13912345678" not in text_of(res)
        # Nor may they move it.
        page = client.get("/profile")
        token = page.forms["header-logout"]["csrf_token"].value
        res = client.post(
            path,
            {"__formid__": "transition-answer", "csrf_token": token, "comment": "x"},
            status="*",
        )
        assert res.status_int in (403, 404)


@pytest.mark.parametrize("who", ["enterprise_b", "other_reviewer", "editor"])
def test_others_find_nothing_in_lists_search_or_counts(as_persona, asked, who):
    client = as_persona(who)
    queries = ("", q("subject=只有本企业"), q("asker=张三"), q("department=市场监督"))
    for query in (*queries, "?answered=0"):
        res = client.get("/consultations/" + query)
        assert SECRET not in res.text
        data = client.get("/consultations/" + query, headers=JSON).json
        assert SECRET not in str(data)
    if who == "other_reviewer":  # a reviewer's badge counts their own departments only
        assert client.get("/consultations/", headers=JSON).json["total"] == 0
    home = client.get("/")
    assert SECRET not in home.text


def test_anonymous_is_sent_to_log_in(as_persona, asked):
    anonymous = as_persona(None)
    for path in (*asked, "/consultations/"):
        res = anonymous.get(path, status=302)
        assert "/login?came_from=" in res.location


def test_a_reviewer_of_the_center_and_an_admin_see_them(as_persona, asked):
    for who in ("reviewer", "admin"):
        client = as_persona(who)
        subjects = listed(client.get("/consultations/"))
        assert SECRET in subjects and SECRET + "（已答复）" in subjects
        # unanswered first
        assert subjects.index(SECRET) < subjects.index(SECRET + "（已答复）")
        assert client.get(asked[0]).status_int == 200


def test_search_by_asker_subject_department_within_ones_own(enterprise_a_app, asked):
    def found(query):
        return listed(enterprise_a_app.get("/consultations/" + q(query[1:])))

    assert found("?asker=张三") == [SECRET]
    assert found("?asker=ＱＩＹＥ") == []  # full-width folded, but nobody is called that
    assert set(found("?subject=只有本企业")) == {SECRET, SECRET + "（已答复）"}
    assert set(found("?department=市场监督管理局")) == {SECRET, SECRET + "（已答复）"}
    assert found("?department=税务") == []
    assert found("?answered=1") == [SECRET + "（已答复）"]
    assert found("?subject=（已答复）") == [SECRET + "（已答复）"]
    assert found("?subject=(已答复)") == [SECRET + "（已答复）"]  # NFKC: ( is （


def test_publish_never_shows_name_or_phone(reviewer_app, as_persona, asked):
    move(reviewer_app, asked[1], "publish")
    other = as_persona("enterprise_b")
    page = other.get("/centers/640100/scjg/")
    assert SECRET + "（已答复）" in page.text
    assert "张三" not in page.text and "宁夏塞上粮油有限公司" not in page.text
    # the published consultation itself stays private
    assert other.get(asked[1], status="*").status_int in (403, 404)


def test_nobody_else_publishes(as_persona, asked):
    """The owner and other staff are refused the publish move."""
    for who in ("enterprise_a", "other_reviewer"):
        client = as_persona(who)
        token = client.get("/profile").forms["header-logout"]["csrf_token"].value
        res = client.post(
            asked[1],
            {"__formid__": "transition-publish", "csrf_token": token, "revision": "1"},
            status="*",
        )
        assert res.status_int in (403, 404, 409)
    assert SUBJECT not in as_persona(None).get("/centers/640100/scjg/").text
    assert SECRET not in as_persona(None).get("/centers/640100/scjg/").text
