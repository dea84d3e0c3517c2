"""The second factor: enrolment through the pages, the login's code step, recovery codes,
an admin's reset, the production setting and an enterprise's own choice.

Codes are computed with pyotp from the key the enrolment page shows, at the portal's
FrozenClock's time: the portal reads that clock, never the machine's.
"""

import pyotp
import pytest
import webtest

from ningxia_portal import main
from ningxia_portal.accounts.resources import KIND_STAFF
from ningxia_portal.core.clock import get_clock
from ningxia_portal.core.events import Audited
from tests.conftest import base_settings, create_user, login, logout


@pytest.fixture
def audited(wsgi_app):
    """The (action, actor, target) of every Audited event the app fires."""
    found = []
    wsgi_app.registry.registerHandler(
        lambda event: found.append((event.action, event.actor, event.target)), (Audited,)
    )
    return found


def code_at(wsgi_app, secret, **shift):
    clock = get_clock(wsgi_app.registry)
    if shift:
        clock.advance(**shift)
    return pyotp.TOTP(secret).at(clock.now())


def enrol(testapp, wsgi_app):
    """Enrol through the page; returns (key, recovery codes shown)."""
    page = testapp.get("/second-factor")
    assert page.html.select_one(".second-factor-qr svg") is not None
    secret = page.html.select_one(".second-factor-secret").text.replace(" ", "")
    form = page.forms["second-factor"]
    form["code"] = code_at(wsgi_app, secret)
    shown = form.submit("enrol")
    codes = [li.text for li in shown.html.select(".recovery-codes code")]
    assert len(codes) == 10 and "仅显示这一次" in shown.text
    return secret, codes


def password_step(testapp, username):
    form = testapp.get("/login").forms["login"]
    form["login"], form["password"] = username, f"{username}1234"
    return form.submit("submit")


def code_step(testapp, code):
    form = testapp.get("/login-code").forms["login-code"]
    form["code"] = code
    return form.submit("submit")


def field_error(res):
    return res.html.select_one("form#login-code .invalid-feedback, form#login-code .error").text


@pytest.fixture
def enrolled_admin(app, wsgi_app):
    """An admin who has enrolled and logged out: (key, recovery codes)."""
    create_user(wsgi_app, "guanli", kind=KIND_STAFF, roles=("admin",), title="周管理")
    login(app, "guanli", "guanli1234")
    secret, codes = enrol(app, wsgi_app)
    logout(app)
    get_clock(wsgi_app.registry).advance(seconds=30)  # the enrolment's code is spent
    return secret, codes


def test_a_login_without_the_second_factor_is_refused(app, wsgi_app, enrolled_admin, audited):
    res = password_step(app, "guanli")
    assert res.location.endswith("/login-code")
    form_page = res.follow()
    assert "验证码" in form_page.html.select_one("h1").text
    # Half logged in: no page knows the account.
    for url in ("/", "/profile", "/manage/accounts/", "/second-factor"):
        page = app.get(url, expect_errors=True)
        assert "周管理" not in page.text
        assert "header-logout" not in page.text
        if page.status_int == 302:
            assert "/login" in page.location
    assert app.get("/manage/accounts/", expect_errors=True).status_int in (302, 403, 404)
    # An empty or wrong code keeps the form.
    res = code_step(app, "")
    assert res.html.select_one("form#login-code") is not None
    res = code_step(app, "000000")
    assert "验证码错误或已使用" in field_error(res)
    assert ("2fa.failure", "guanli", "guanli") in audited
    assert app.get("/", expect_errors=True).html.select_one("#header-logout") is None


def test_the_right_code_completes_the_login_and_cannot_be_used_again(
    app, wsgi_app, enrolled_admin, audited
):
    secret, _codes = enrolled_admin
    password_step(app, "guanli")
    code = code_at(wsgi_app, secret)
    home = code_step(app, code).follow()
    assert "周管理" in home.html.select_one(".account-tools").text
    assert ("2fa.success", "guanli", "guanli") in audited
    assert ("login.success", "guanli", "guanli") in audited  # the login, once complete
    logout(app)
    password_step(app, "guanli")
    res = code_step(app, code)  # the same time step: seen once, refused
    assert "验证码错误或已使用" in field_error(res)
    res = code_step(app, code_at(wsgi_app, secret, seconds=30))
    assert "周管理" in res.follow().html.select_one(".account-tools").text


def test_the_code_step_expires(app, wsgi_app, enrolled_admin):
    secret, _codes = enrolled_admin
    password_step(app, "guanli")
    get_clock(wsgi_app.registry).advance(minutes=6)
    res = app.get("/login-code")
    assert res.location.endswith("/login")
    assert "请先输入密码登录" in res.follow().text


def test_wrong_codes_are_throttled(app, wsgi_app, enrolled_admin):
    secret, _codes = enrolled_admin
    password_step(app, "guanli")
    for _ in range(5):
        code_step(app, "123456")
    res = code_step(app, code_at(wsgi_app, secret))  # even the right one, now
    assert field_error(res) == "登录失败次数过多，为保障账户安全，请 2 秒后再试。"
    get_clock(wsgi_app.registry).advance(seconds=3)  # the delay grows; past it, a try again
    res = code_step(app, code_at(wsgi_app, secret))
    assert res.status_int == 302  # logged in


def test_a_recovery_code_works_once(app, wsgi_app, enrolled_admin, audited):
    _secret, codes = enrolled_admin
    password_step(app, "guanli")
    home = code_step(app, codes[0].upper()).follow()
    assert "还剩 9 个" in home.html.select_one(".flash").text
    assert ("2fa.recovery_used", "guanli", "guanli") in audited
    logout(app)
    password_step(app, "guanli")
    assert "验证码错误或已使用" in field_error(code_step(app, codes[0]))


def test_disabling_asks_a_current_code(app, wsgi_app, enrolled_admin, audited):
    secret, _codes = enrolled_admin
    password_step(app, "guanli")
    code_step(app, code_at(wsgi_app, secret))
    form = app.get("/second-factor").forms["second-factor"]
    form["code"] = "111111"
    assert "验证码错误或已使用" in form.submit("disable").text
    form = app.get("/second-factor").forms["second-factor"]
    form["code"] = code_at(wsgi_app, secret, seconds=30)
    page = form.submit("disable").follow()
    assert "已关闭双因素认证" in page.text
    assert ("2fa.disabled", None, "guanli") in audited
    logout(app)
    assert password_step(app, "guanli").location.endswith("/")  # the password alone again


def test_an_admin_resets_another_accounts_second_factor(app, wsgi_app, enrolled_admin, audited):
    secret, _codes = enrolled_admin
    create_user(wsgi_app, "bianji", kind=KIND_STAFF, roles=("editor",), title="孙编辑")
    editor = webtest.TestApp(wsgi_app)
    login(editor, "bianji", "bianji1234")
    enrol(editor, wsgi_app)
    password_step(app, "guanli")
    code_step(app, code_at(wsgi_app, secret, seconds=30))
    page = app.get("/manage/accounts/bianji/")
    assert "second_factor" in page.forms
    # Without the form's CSRF token nothing happens.
    app.post("/manage/accounts/bianji/second_factor", {"reset": "reset"}, status=400)
    assert "second_factor" in app.get("/manage/accounts/bianji/").forms
    page = page.forms["second_factor"].submit("reset").follow()
    assert "已重置双因素认证" in page.text and "second_factor" not in page.forms
    assert ("2fa.reset", None, "bianji") in audited
    logout(editor)
    assert "login-code" not in password_step(editor, "bianji").location


def test_the_demo_setting_asks_staff_to_enrol_with_a_banner(app, wsgi_app):
    create_user(wsgi_app, "bianji", kind=KIND_STAFF, roles=("editor",))
    create_user(wsgi_app, "qiye", title="企业")
    home = login(app, "bianji", "bianji1234")
    banner = home.html.select_one(".second-factor-banner")
    assert "请立即开启" in banner.text and banner.a["href"].endswith("/second-factor")
    assert app.get("/manage/").status_int == 200
    enrol(app, wsgi_app)
    assert app.get("/").html.select_one(".second-factor-banner") is None
    logout(app)
    assert login(app, "qiye", "qiye1234").html.select_one(".second-factor-banner") is None


def test_the_production_setting_opens_no_staff_page_before_enrolment():
    wsgi_app = main({}, **base_settings(**{"portal.require_second_factor": "true"}))
    app = webtest.TestApp(wsgi_app)
    create_user(wsgi_app, "shen", kind=KIND_STAFF, grants=(("reviewer", "640100/scjg"),))
    create_user(wsgi_app, "qiye", title="企业")
    res = password_step(app, "shen").follow()
    assert res.location.endswith("/second-factor")
    for url in ("/", "/manage/", "/profile", "/filings/"):
        assert app.get(url, expect_errors=True).location.endswith("/second-factor")
    page = app.get("/second-factor")
    assert "必须开启双因素认证" in page.text
    assert app.get("/static/css/portal.css", expect_errors=True).status_int != 302
    enrol(app, wsgi_app)
    assert app.get("/").status_int == 200
    # Enterprises are not forced.
    other = webtest.TestApp(wsgi_app)
    assert login(other, "qiye", "qiye1234").request.path == "/"


def test_an_enterprise_may_turn_it_on(app, wsgi_app):
    create_user(wsgi_app, "qiye", title="宁夏企业")
    login(app, "qiye", "qiye1234")
    secret, _codes = enrol(app, wsgi_app)
    logout(app)
    assert password_step(app, "qiye").location.endswith("/login-code")
    home = code_step(app, code_at(wsgi_app, secret, seconds=30)).follow()
    assert "宁夏企业" in home.html.select_one(".account-tools").text


def test_a_wrong_first_code_keeps_the_enrolment_form(app, wsgi_app):
    create_user(wsgi_app, "qiye", title="宁夏企业")
    login(app, "qiye", "qiye1234")
    page = app.get("/second-factor")
    key = page.html.select_one(".second-factor-secret").text
    form = page.forms["second-factor"]
    form["code"] = "12345x"
    res = form.submit("enrol")
    assert "验证码错误或已使用" in res.html.select_one("form#second-factor").text
    assert res.html.select_one(".second-factor-secret").text == key  # the same key
    logout(app)
    assert password_step(app, "qiye").location.endswith("/")  # not enrolled
