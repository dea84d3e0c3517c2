"""A logged-in user's region choice lives in the profile and follows them to a new browser."""

import webtest

from ningxia_portal.catalogue.region import REGION_COOKIE
from tests.conftest import PERSONAS, login, persona_password

JSON = {"Accept": "application/json"}


def selected(res):
    return res.html.select_one("#region-select option[selected]")["value"]


def test_the_choice_is_saved_in_the_profile(enterprise_a_app, demo_wsgi_app, open_root):
    form = enterprise_a_app.get("/").forms[0]
    form["region"] = "640104"
    form.submit().follow()
    with open_root(demo_wsgi_app) as root:
        assert root["principals"]["qiye_a"].region == "640104"

    elsewhere = webtest.TestApp(demo_wsgi_app)  # another browser, no cookie
    assert selected(elsewhere.get("/")) == ""
    login(elsewhere, PERSONAS["enterprise_a"]["username"], persona_password("enterprise_a"))
    assert REGION_COOKIE not in elsewhere.cookies
    assert selected(elsewhere.get("/")) == "640104"
    data = elsewhere.get("/search", headers=JSON).json
    assert data["query"]["center"] == "640104"


def test_the_profile_wins_over_the_cookie(enterprise_a_app):
    enterprise_a_app.get("/set-region", params={"region": "640100"})
    enterprise_a_app.set_cookie(REGION_COOKIE, "640104")  # e.g. chosen before logging in
    assert selected(enterprise_a_app.get("/")) == "640100"
    enterprise_a_app.get("/set-region", params={"region": ""})  # 全区 is a choice too
    assert selected(enterprise_a_app.get("/")) == ""


def test_one_users_choice_is_not_anothers(enterprise_a_app, enterprise_b_app):
    enterprise_a_app.get("/set-region", params={"region": "640104"})
    assert selected(enterprise_b_app.get("/")) == ""
