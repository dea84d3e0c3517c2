"""Every unsafe request needs the session's CSRF token: without it, 400 and nothing changes."""

import pytest

from tests.conftest import PERSONAS, create_user, login, persona_password


def without_token(form):
    form["csrf_token"] = "forged"
    return form


def test_login_without_token_is_refused(app, wsgi_app):
    create_user(wsgi_app, "helan")
    form = app.get("/login").forms["login"]
    form["login"], form["password"] = "helan", "helan1234"
    res = without_token(form).submit("submit", status=400)
    assert "表单已过期" in res.text
    assert "登录" in app.get("/").html.select_one(".account-tools").text


def test_register_without_token_creates_nothing(app, wsgi_app, open_root):
    res = app.post(
        "/register",
        {"username": "evil", "title": "x", "credit_code": "91640104MA76XY9K3J"},
        status=400,
    )
    assert "表单已过期" in res.text
    with open_root(wsgi_app) as root:
        assert "evil" not in root["principals"]


def test_profile_and_password_without_token_change_nothing(app, wsgi_app, open_root):
    create_user(wsgi_app, "helan", phone="13895012345")
    login(app, "helan", "helan1234")
    form = without_token(app.get("/profile").forms["profile"])
    form["phone"] = "13900000000"
    form.submit("submit", status=400)
    form = without_token(app.get("/password").forms["password"])
    form["old_password"] = "helan1234"
    form["new_password"] = form["new_password-confirm"] = "changed99"
    form.submit("submit", status=400)
    with open_root(wsgi_app) as root:
        user = root["principals"]["helan"]
        assert user.phone == "13895012345"
    assert app.get("/profile").status_int == 200  # the session was not ended either


def test_logout_without_token_keeps_the_session(app, wsgi_app):
    create_user(wsgi_app, "helan")
    login(app, "helan", "helan1234")
    app.post("/logout", status=400)
    res = app.get("/profile")
    assert res.status_int == 200 and "profile" in res.forms  # still logged in, on the form


@pytest.mark.parametrize("view", ["grant", "revoke", "status"])
def test_account_management_without_token_changes_nothing(
    admin_app, demo_wsgi_app, open_root, view
):
    target = PERSONAS["reviewer"]["username"]
    page = admin_app.get(f"/manage/accounts/{target}/")
    form = without_token(page.forms[view])
    form.submit(status=400)
    with open_root(demo_wsgi_app) as root:
        user = root["principals"][target]
        assert user.active and user.grants == (("reviewer", "640100/scjg"),)
    assert persona_password("reviewer")  # still the persona's, untouched


def test_create_staff_without_token_creates_nothing(admin_app, demo_wsgi_app, open_root):
    form = without_token(admin_app.get("/manage/accounts/add").forms["add-staff"])
    form["username"], form["title"] = "newstaff", "新员工"
    form["password"] = form["password-confirm"] = "staff1234"
    form.submit("submit", status=400)
    with open_root(demo_wsgi_app) as root:
        assert "newstaff" not in root["principals"]
