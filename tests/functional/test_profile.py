"""Profile (资料修改) and password change (密码修改) of the logged-in account."""

import webtest

from tests.conftest import create_user, login


def test_profile_shows_and_saves_contact_phone_email(app, wsgi_app, open_root):
    create_user(wsgi_app, "helan", contact="李文静", phone="13895012345", email="a@b.cn")
    login(app, "helan", "helan1234")
    form = app.get("/profile").forms["profile"]
    assert form["contact"].value == "李文静" and form["phone"].value == "13895012345"
    form["contact"] = "王小红"
    form["phone"] = "0951-6012345"
    form["email"] = "contact@helan.example.cn"
    page = form.submit("submit").follow()
    assert "资料已保存" in page.html.select_one(".flash").text
    with open_root(wsgi_app) as root:
        user = root["principals"]["helan"]
        assert (user.contact, user.phone, user.email) == (
            "王小红",
            "0951-6012345",
            "contact@helan.example.cn",
        )


def test_profile_bad_phone_is_refused_and_values_kept(app, wsgi_app, open_root):
    create_user(wsgi_app, "helan", contact="李文静", phone="13895012345", email="a@b.cn")
    login(app, "helan", "helan1234")
    form = app.get("/profile").forms["profile"]
    form["phone"] = "110"
    form["contact"] = "王小红"
    res = form.submit("submit")
    assert "手机号码" in res.html.select_one(".invalid-feedback, p.error, .error").text
    assert res.forms["profile"]["contact"].value == "王小红"
    with open_root(wsgi_app) as root:
        assert root["principals"]["helan"].phone == "13895012345"


def change_password(app, old, new, confirm=None):
    form = app.get("/password").forms["password"]
    form["old_password"] = old
    form["new_password"] = new
    form["new_password-confirm"] = confirm or new
    return form.submit("submit")


def test_password_change_needs_the_old_password(app, wsgi_app):
    create_user(wsgi_app, "helan")
    login(app, "helan", "helan1234")
    res = change_password(app, "wrong1234", "newpass99")
    assert res.status_int == 200 and "原密码不正确" in res.text


def test_new_password_follows_the_rule(app, wsgi_app):
    create_user(wsgi_app, "helan")
    login(app, "helan", "helan1234")
    res = change_password(app, "helan1234", "onlyletters")
    assert "密码须同时包含字母和数字" in res.text


def test_password_change_ends_other_sessions_and_keeps_this_one(app, wsgi_app):
    create_user(wsgi_app, "helan", title="贺兰山")
    other = webtest.TestApp(wsgi_app)
    login(other, "helan", "helan1234")
    login(app, "helan", "helan1234")
    home = change_password(app, "helan1234", "newpass99").follow()
    assert "密码已修改" in home.html.select_one(".flash").text
    assert app.get("/profile").status_int == 200  # still logged in here
    assert other.get("/profile").status_int == 302  # the other session has ended
    assert "贺兰山" not in other.get("/").html.select_one(".account-tools").text
    fresh = webtest.TestApp(wsgi_app)
    login(fresh, "helan", "newpass99")
    assert fresh.get("/profile").status_int == 200
