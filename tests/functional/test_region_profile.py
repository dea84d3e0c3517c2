"""A logged-in user's region choice lives in the profile and follows them to a new browser."""

import webtest

from ningxia_portal.catalogue.region import REGION_COOKIE
from tests.conftest import PERSONAS, login, persona_password

JSON = {"Accept": "application/json"}


def selected(res):
    return res.html.select_one("#region-select option[selected]")["value"]


def choose(testapp, code):
    """Choose a region with the header's picker of the home page."""
    form = testapp.get("/").forms[0]
    form["region"] = code
    return form.submit()


def test_the_choice_is_saved_in_the_profile(enterprise_a_app, demo_wsgi_app, open_root):
    choose(enterprise_a_app, "640104").follow()
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
    choose(enterprise_a_app, "640100")
    enterprise_a_app.set_cookie(REGION_COOKIE, "640104")  # e.g. chosen before logging in
    assert selected(enterprise_a_app.get("/")) == "640100"
    choose(enterprise_a_app, "")  # 全区 is a choice too
    assert selected(enterprise_a_app.get("/")) == ""


def test_one_users_choice_is_not_anothers(enterprise_a_app, enterprise_b_app):
    choose(enterprise_a_app, "640104")
    assert selected(enterprise_b_app.get("/")) == ""


def test_a_logged_in_users_picker_posts_with_the_csrf_token(enterprise_a_app):
    page = enterprise_a_app.get("/centers/640100/")
    form = page.forms[0]
    assert form.action.endswith("/set-region") and form.method.upper() == "POST"
    token = page.forms["header-logout"]["csrf_token"].value
    assert form["csrf_token"].value == token
    form["region"] = "640104"
    back = form.submit()
    assert back.location == "http://localhost/centers/640100/"
    assert selected(back.follow()) == "640104"


def test_a_get_does_not_change_the_profile(enterprise_a_app, demo_wsgi_app, open_root):
    """A link or an image on another site can't change a logged-in user's stored choice."""
    choose(enterprise_a_app, "640100")
    res = enterprise_a_app.get("/set-region", params={"region": "640104", "came_from": "/"})
    assert res.status_int == 302 and res.location == "http://localhost/"
    with open_root(demo_wsgi_app) as root:
        assert root["principals"]["qiye_a"].region == "640100"
    assert selected(enterprise_a_app.get("/")) == "640100"


def test_a_post_without_the_csrf_token_changes_nothing(enterprise_a_app, demo_wsgi_app, open_root):
    choose(enterprise_a_app, "640100")
    res = enterprise_a_app.post("/set-region", {"region": "640104"}, status=400)
    assert "表单已过期" in res.text
    with open_root(demo_wsgi_app) as root:
        assert root["principals"]["qiye_a"].region == "640100"
    assert selected(enterprise_a_app.get("/")) == "640100"
