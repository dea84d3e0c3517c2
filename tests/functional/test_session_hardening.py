"""Findings of the security review, tested from the attacker's side."""

import webtest

from ningxia_portal.core.clock import get_clock
from tests.conftest import create_user, login, logout


def test_logout_ends_a_copied_session_cookie(app, wsgi_app):
    create_user(wsgi_app, "helan")
    login(app, "helan", "helan1234")
    stolen = app.cookies["portal_session"]
    logout(app)
    thief = webtest.TestApp(wsgi_app)
    thief.set_cookie("portal_session", stolen)
    res = thief.get("/profile")
    assert res.status_int == 302 and "/login" in res.location


def test_a_session_ends_after_its_maximum_age_however_active(app, wsgi_app):
    create_user(wsgi_app, "helan")
    login(app, "helan", "helan1234")
    clock = get_clock(wsgi_app.registry)
    for _ in range(13):  # active every hour, so the idle timeout never fires
        clock.advance(hours=1)
        app.get("/")
    res = app.get("/profile")
    assert res.status_int == 302 and "/login" in res.location


def test_guesses_from_many_addresses_leave_a_fresh_address_in(wsgi_app):
    """Failures from other addresses don't lock the owner out (the account's own ceiling
    is far higher: tests/functional/test_login.py)."""
    create_user(wsgi_app, "helan")
    for n in range(5):
        other = webtest.TestApp(wsgi_app, extra_environ={"REMOTE_ADDR": f"10.2.0.{n}"})
        form = other.get("/login").forms["login"]
        form["login"], form["password"] = "helan", "wrong1234"
        form.submit("submit")
    fresh = webtest.TestApp(wsgi_app, extra_environ={"REMOTE_ADDR": "10.2.0.99"})
    form = fresh.get("/login").forms["login"]
    form["login"], form["password"] = "helan", "helan1234"
    assert form.submit("submit").status_int == 302


def test_forwarded_for_header_does_not_reset_the_address_counter(wsgi_app):
    attacker = webtest.TestApp(wsgi_app, extra_environ={"REMOTE_ADDR": "10.3.3.3"})
    for n in range(50):
        form = attacker.get("/login").forms["login"]
        form["login"], form["password"] = f"guess{n}", "wrong1234"
        form.submit("submit", headers={"X-Forwarded-For": f"192.0.2.{n}"})
    form = attacker.get("/login").forms["login"]
    form["login"], form["password"] = "guess9", "wrong1234"
    res = form.submit("submit", headers={"X-Forwarded-For": "192.0.2.200"})
    assert "登录失败次数过多" in res.text


def test_password_change_is_throttled(app, wsgi_app):
    create_user(wsgi_app, "helan")
    login(app, "helan", "helan1234")
    for _ in range(5):
        form = app.get("/password").forms["password"]
        form["old_password"] = "guess1234"
        form["new_password"] = form["new_password-confirm"] = "newpass123"
        form.submit("submit")
    form = app.get("/password").forms["password"]
    form["old_password"] = "helan1234"  # right, but too late
    form["new_password"] = form["new_password-confirm"] = "newpass123"
    res = form.submit("submit")
    assert "密码错误次数过多" in res.text
    # Nothing was changed: after the window, the old password still logs in.
    with_old = webtest.TestApp(wsgi_app, extra_environ={"REMOTE_ADDR": "10.4.4.4"})
    get_clock(wsgi_app.registry).advance(minutes=16)
    login(with_old, "helan", "helan1234")
    assert with_old.get("/profile").status_int == 200


def test_control_characters_are_refused_at_the_field(app, wsgi_app):
    create_user(wsgi_app, "helan")
    login(app, "helan", "helan1234")
    form = app.get("/profile").forms["profile"]
    form["contact"] = "张\u202e三"  # a right-to-left override
    res = form.submit("submit")
    assert "请删除其中的不可见字符或控制字符" in res.text
    assert res.forms["profile"]["contact"].value == "张\u202e三"  # the value is kept


def test_a_password_change_ends_copied_cookies_and_is_audited(app, wsgi_app):
    from ningxia_portal.core.events import Audited

    seen = []
    wsgi_app.registry.registerHandler(
        lambda event: seen.append((event.action, event.target)), (Audited,)
    )
    create_user(wsgi_app, "helan")
    login(app, "helan", "helan1234")
    copied = app.cookies["portal_session"]
    form = app.get("/password").forms["password"]
    form["old_password"] = "helan1234"
    form["new_password"] = form["new_password-confirm"] = "newpass123"
    form.submit("submit")
    assert app.get("/profile").status_int == 200  # this session goes on
    thief = webtest.TestApp(wsgi_app)
    thief.set_cookie("portal_session", copied)
    assert thief.get("/profile").status_int == 302
    assert ("password.changed", "helan") in seen
