"""From the other side: another enterprise and a reviewer of another department get 404 on
an appointment and its JSON, can't move it, and find nothing of it in lists, keyword
searches or counts; the reviewer of the center sees it."""

import pytest

from tests.conftest import create_user, login
from tests.functional.appointments.support import appointment_id, book

JSON = {"Accept": "application/json"}


@pytest.fixture
def booked(enterprise_a_app):
    res = book(enterprise_a_app, content="塞上粮油独有的预约内容")
    return res.location, appointment_id(res)


@pytest.mark.parametrize("who", ["enterprise_b", "other_reviewer", "editor"])
def test_others_are_refused_the_page_and_its_json(as_persona, booked, who):
    url, _name = booked
    client = as_persona(who)
    res = client.get(url, status=404)
    assert "塞上粮油独有的预约内容" not in res.text
    assert client.get(url, headers=JSON, status=404).json == {"error": "not_found", "status": 404}
    post = client.post(url, {"__formid__": "transition-approve", "revision": "0"}, status="*")
    assert post.status_int in (400, 404)


def test_visitors_are_sent_to_log_in(as_persona, booked):
    url, _name = booked
    res = as_persona(None).get(url, status=302)
    assert "/login?came_from=" in res.location


@pytest.mark.parametrize("who", ["enterprise_b", "other_reviewer"])
def test_others_find_nothing_of_it_in_lists_search_or_counts(as_persona, booked, who):
    client = as_persona(who)
    for query in (
        {},
        {"q": "塞上粮油"},
        {"q": "独有的预约"},
        {"day": "2026-03-10"},
        {"day": "all"},
    ):
        page = client.get("/appointments/", query)
        assert "塞上粮油独有的预约内容" not in page.text
        data = client.get("/appointments/", query, headers=JSON).json
        assert data["total"] == 0 and data["appointments"] == []
    links = client.get("/").html.select(".site-nav a")
    mine = [a for a in links if "预约" in a.text]
    assert mine and all(a.select_one(".nav-count") is None for a in mine)


def test_a_reviewer_of_another_department_of_the_same_center_sees_nothing(demo_wsgi_app, booked):
    import webtest

    create_user(demo_wsgi_app, "shen_rs", kind="staff", grants=(("reviewer", "640100/rs"),))
    client = webtest.TestApp(demo_wsgi_app)
    login(client, "shen_rs", "shen_rs1234")
    url, _name = booked
    assert client.get(url, status=404).status_int == 404
    assert "塞上粮油独有的预约内容" not in client.get(url, status=404).text
    assert "塞上粮油独有的预约内容" not in client.get(url, headers=JSON, status=404).text
    assert client.get("/appointments/", {"day": "all"}, headers=JSON).json["total"] == 0


def test_the_department_and_center_reviewers_and_admins_see_it(as_persona, booked, demo_wsgi_app):
    import webtest

    url, _name = booked
    create_user(demo_wsgi_app, "shen_yc", kind="staff", grants=(("reviewer", "640100"),))
    center = webtest.TestApp(demo_wsgi_app)
    login(center, "shen_yc", "shen_yc1234")
    for client in (as_persona("reviewer"), center, as_persona("admin")):
        assert "塞上粮油独有的预约内容" in client.get(url).text
        data = client.get("/appointments/", {"q": "独有的预约", "day": "all"}, headers=JSON).json
        assert [a["content"] for a in data["appointments"]] == ["塞上粮油独有的预约内容"]


def test_keyword_search_is_fuzzy_over_every_named_field(enterprise_a_app, booked):
    for q in (
        "王经理",
        "独有",
        "银川市",
        "市场监督",
        "食品经营许可",
        "(新办)",
    ):
        data = enterprise_a_app.get("/appointments/", {"q": q}, headers=JSON).json
        assert data["total"] == 1, q
    assert enterprise_a_app.get("/appointments/", {"q": "税务"}, headers=JSON).json["total"] == 0
