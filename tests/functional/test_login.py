"""Login and logout: credentials, sessions, throttling, came_from, rehash, disabled accounts."""

import pytest
import webtest

from ningxia_portal import main
from ningxia_portal.core.clock import get_clock
from ningxia_portal.security.passwords import Passwords
from ningxia_portal.security.policy import TOKEN_KEY
from tests.conftest import base_settings, create_user, login, logout


def try_login(app, username, password, came_from=None):
    url = "/login" + (f"?came_from={came_from}" if came_from else "")
    form = app.get(url).forms["login"]
    form["login"] = username
    form["password"] = password
    return form.submit("submit")


def form_alert(res):
    return res.html.select_one("form#login .alert").text


def test_login_by_username_shows_the_name_in_the_header(app, wsgi_app):
    create_user(wsgi_app, "helan", title="宁夏贺兰山食品有限公司")
    home = login(app, "Helan", "helan1234")
    assert "欢迎您，宁夏贺兰山食品有限公司" in home.html.select_one(".flash").text
    tools = home.html.select_one(".account-tools").text
    assert "宁夏贺兰山食品有限公司" in tools and "资料修改" in tools and "退出" in tools
    assert "登录" not in tools


def test_login_by_credit_code_in_lower_case(app, wsgi_app):
    create_user(wsgi_app, "helan", title="贺兰山", credit_code="91640104MA76AB0C8B")
    home = login(app, "91640104ma76ab0c8b", "helan1234")
    assert "贺兰山" in home.html.select_one(".account-tools").text


@pytest.mark.parametrize(("username", "password"), [("helan", "wrong1234"), ("nobody", "x1")])
def test_wrong_credentials_say_so_and_keep_the_login(app, wsgi_app, username, password):
    create_user(wsgi_app, "helan")
    res = try_login(app, username, password)
    assert res.status_int == 200
    assert "用户名或密码错误" in form_alert(res)
    assert res.forms["login"]["login"].value == username
    assert res.forms["login"]["password"].value == ""
    assert "登录" in res.html.select_one(".account-tools").text


def test_anonymous_header_offers_login_and_register(app):
    links = [a.text for a in app.get("/").html.select(".account-tools a")]
    assert links == ["登录", "注册"]


def test_login_starts_a_new_session_and_rotates_the_csrf_token(app, wsgi_app):
    create_user(wsgi_app, "helan")
    page = app.get("/login")
    token_before = page.forms["login"]["csrf_token"].value
    cookie_before = app.cookies["portal_session"]
    form = page.forms["login"]
    form["login"], form["password"] = "helan", "helan1234"
    res = form.submit("submit")
    assert app.cookies["portal_session"] != cookie_before
    token_after = res.follow().forms["header-logout"]["csrf_token"].value
    assert token_after != token_before


def test_fixated_session_cookie_gains_nothing(app, wsgi_app):
    """An attacker's pre-set session is dropped on login: its copy stays anonymous."""
    create_user(wsgi_app, "helan")
    app.get("/login")
    planted = app.cookies["portal_session"]
    login(app, "helan", "helan1234")
    attacker = webtest.TestApp(wsgi_app)
    attacker.set_cookie("portal_session", planted)
    assert "登录" in attacker.get("/").html.select_one(".account-tools").text


def test_session_cookie_is_httponly_and_samesite_lax(app, wsgi_app):
    create_user(wsgi_app, "helan")
    res = try_login(app, "helan", "helan1234")
    cookie = res.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "secure" not in cookie.lower()


def test_cookie_is_secure_when_configured():
    wsgi_app = main({}, **base_settings(**{"portal.cookie_secure": "true"}))
    app = webtest.TestApp(
        wsgi_app, extra_environ={"wsgi.url_scheme": "https", "HTTP_HOST": "localhost"}
    )
    create_user(wsgi_app, "helan")
    res = try_login(app, "helan", "helan1234")
    assert "; secure" in res.headers["Set-Cookie"].lower()


@pytest.mark.parametrize(
    ("came_from", "lands_on"),
    [
        ("/profile", "/profile"),
        ("http://localhost/password", "/password"),
        ("//evil.example/", "/"),
        ("http://evil.example/", "/"),
        ("javascript:alert(1)", "/"),
        ("/%5Cevil.example", "/"),  # decoded it is /\evil.example, which browsers read as //
    ],
)
def test_came_from_stays_on_the_site(app, wsgi_app, came_from, lands_on):
    create_user(wsgi_app, "helan")
    res = try_login(app, "helan", "helan1234", came_from=came_from)
    assert res.location.startswith("http://localhost/")
    assert res.location == "http://localhost" + lands_on


def test_backslash_came_from_goes_home(app, wsgi_app):
    create_user(wsgi_app, "helan")
    form = app.get("/login").forms["login"]
    form["login"], form["password"] = "helan", "helan1234"
    form["came_from"] = "/\\evil.example"
    assert form.submit("submit").location == "http://localhost/"


def test_protected_page_sends_to_login_and_back(app, wsgi_app):
    create_user(wsgi_app, "helan")
    res = app.get("/profile?x=1")
    assert res.status_int == 302
    assert res.location == "http://localhost/login?came_from=%2Fprofile%3Fx%3D1"
    form = res.follow().forms["login"]
    form["login"], form["password"] = "helan", "helan1234"
    assert form.submit("submit").location == "http://localhost/profile?x=1"


def test_logout_ends_the_session(app, wsgi_app):
    create_user(wsgi_app, "helan", title="贺兰山")
    login(app, "helan", "helan1234")
    home = logout(app)
    assert "您已退出登录" in home.html.select_one(".flash").text
    assert "贺兰山" not in home.html.select_one(".account-tools").text
    assert app.get("/profile").status_int == 302


def test_logout_link_page_asks_then_posts(app, wsgi_app):
    create_user(wsgi_app, "helan")
    login(app, "helan", "helan1234")
    page = app.get("/logout")
    assert "确定要退出登录吗" in page.text
    page.forms["logout"].submit().follow()
    assert "您尚未登录" in app.get("/logout").text


def test_after_five_failures_each_try_waits_longer_then_the_right_one_gets_in(app, wsgi_app):
    create_user(wsgi_app, "helan")
    clock = get_clock(wsgi_app.registry)
    for _ in range(5):
        assert "用户名或密码错误" in form_alert(try_login(app, "helan", "wrong1234"))
    res = try_login(app, "helan", "helan1234")  # even the right password waits now
    assert res.status_int == 200 and "请 2 秒后再试" in form_alert(res).replace("\xa0", " ")
    clock.advance(seconds=2)
    assert "用户名或密码错误" in form_alert(try_login(app, "helan", "wrong1234"))  # 6th
    assert "请 4 秒后再试" in form_alert(try_login(app, "helan", "helan1234"))
    clock.advance(seconds=4)
    try_login(app, "helan", "wrong1234")  # 7th: 8 seconds
    clock.advance(seconds=7)
    assert "请 1 秒后再试" in form_alert(try_login(app, "helan", "helan1234"))
    clock.advance(seconds=1)
    assert try_login(app, "helan", "helan1234").status_int == 302


def test_the_delay_is_capped_and_worded_in_minutes(app, wsgi_app):
    create_user(wsgi_app, "helan")
    clock = get_clock(wsgi_app.registry)
    for _ in range(20):
        try_login(app, "helan", "wrong1234")
        clock.advance(minutes=15)
    clock.advance(minutes=-15)  # right after the last failure
    assert "请 15 分钟后再试" in form_alert(try_login(app, "helan", "wrong1234"))


def test_throttled_attacker_and_the_owner_at_once(wsgi_app):
    """Another address's failures don't delay the owner; the attacker stays delayed."""
    create_user(wsgi_app, "helan")
    attacker = webtest.TestApp(wsgi_app, extra_environ={"REMOTE_ADDR": "10.9.9.9"})
    for _ in range(8):
        try_login(attacker, "helan", "wrong1234")
    assert "后再试" in form_alert(try_login(attacker, "helan", "helan1234"))
    owner = webtest.TestApp(wsgi_app, extra_environ={"REMOTE_ADDR": "10.1.1.1"})
    assert try_login(owner, "helan", "helan1234").status_int == 302
    assert owner.get("/profile").status_int == 200
    assert "后再试" in form_alert(try_login(attacker, "helan", "wrong1234"))


def test_an_office_address_is_not_delayed_by_one_users_typos(wsgi_app):
    create_user(wsgi_app, "helan")
    create_user(wsgi_app, "xixia")
    office = webtest.TestApp(wsgi_app, extra_environ={"REMOTE_ADDR": "10.5.5.5"})
    for _ in range(6):
        try_login(office, "helan", "wrong1234")
    colleague = webtest.TestApp(wsgi_app, extra_environ={"REMOTE_ADDR": "10.5.5.5"})
    assert try_login(colleague, "xixia", "xixia1234").status_int == 302


def test_an_address_guessing_many_accounts_is_slowed(wsgi_app):
    create_user(wsgi_app, "helan")
    attacker = webtest.TestApp(wsgi_app, extra_environ={"REMOTE_ADDR": "10.9.9.9"})
    for n in range(50):
        try_login(attacker, f"guess{n}", "wrong1234")
    assert "后再试" in form_alert(try_login(attacker, "helan", "helan1234"))
    elsewhere = webtest.TestApp(wsgi_app, extra_environ={"REMOTE_ADDR": "10.1.1.1"})
    assert try_login(elsewhere, "helan", "helan1234").status_int == 302


def test_the_account_ceiling_counts_every_address(wsgi_app):
    wsgi_app.registry.settings["portal.login_account_free_failures"] = 10
    create_user(wsgi_app, "helan")
    for n in range(10):
        other = webtest.TestApp(wsgi_app, extra_environ={"REMOTE_ADDR": f"10.0.0.{n}"})
        try_login(other, "helan", "wrong1234")
    fresh = webtest.TestApp(wsgi_app, extra_environ={"REMOTE_ADDR": "10.0.0.99"})
    assert "后再试" in form_alert(try_login(fresh, "helan", "helan1234"))


def test_failures_are_forgotten_after_a_quiet_hour(app, wsgi_app):
    create_user(wsgi_app, "helan")
    for _ in range(6):
        try_login(app, "helan", "wrong1234")
    get_clock(wsgi_app.registry).advance(minutes=60)
    for _ in range(4):
        assert "用户名或密码错误" in form_alert(try_login(app, "helan", "wrong1234"))
    assert try_login(app, "helan", "helan1234").status_int == 302


def test_login_events_are_fired(app, wsgi_app):
    from ningxia_portal.core.events import Audited

    seen = []
    wsgi_app.registry.registerHandler(
        lambda event: seen.append((event.action, event.target)), (Audited,)
    )
    create_user(wsgi_app, "helan")
    for _ in range(5):
        try_login(app, "helan", "wrong1234")
    try_login(app, "helan", "helan1234")
    get_clock(wsgi_app.registry).advance(seconds=2)
    try_login(app, "helan", "helan1234")
    logout(app)
    assert seen == [("login.failure", "helan")] * 5 + [
        ("login.throttled", "helan"),
        ("login.success", "helan"),
        ("logout", "helan"),
    ]


def test_login_rehashes_a_hash_made_with_other_parameters(app, wsgi_app, open_root):
    old_hash = Passwords(time_cost=2, memory_cost=128, parallelism=1).hash("helan1234")
    create_user(wsgi_app, "helan")
    db = wsgi_app.registry._zodb_databases[""]
    with db.transaction() as conn:
        conn.root()["app_root"]["principals"]["helan"].password_hash = old_hash
    login(app, "helan", "helan1234")
    with open_root(wsgi_app) as root:
        new_hash = root["principals"]["helan"].password_hash
    assert new_hash != old_hash and "m=64,t=1,p=1" in new_hash


def test_disabled_account_cannot_log_in(app, wsgi_app):
    create_user(wsgi_app, "helan", active=False)
    res = try_login(app, "helan", "helan1234")
    # The same message as a wrong password: it must not confirm the password was right.
    assert res.status_int == 200 and "用户名或密码错误，或账户已停用" in form_alert(res)
    assert "portal_session" not in app.cookies or app.get("/profile").status_int == 302


def test_a_rotated_token_ends_the_session(app, wsgi_app):
    create_user(wsgi_app, "helan")
    login(app, "helan", "helan1234")
    db = wsgi_app.registry._zodb_databases[""]
    with db.transaction() as conn:
        conn.root()["app_root"]["principals"]["helan"].end_other_sessions()
    assert app.get("/profile").status_int == 302
    assert TOKEN_KEY == "auth.token"


def test_a_copied_cookie_is_anonymous_after_logout(app, wsgi_app, open_root):
    create_user(wsgi_app, "helan")
    login(app, "helan", "helan1234")
    with open_root(wsgi_app) as root:
        before = root["principals"]["helan"].session_token
    copied = app.cookies["portal_session"]
    logout(app)
    replay = webtest.TestApp(wsgi_app)
    replay.set_cookie("portal_session", copied)
    assert "登录" in replay.get("/").html.select_one(".account-tools").text
    assert replay.get("/profile").status_int == 302
    with open_root(wsgi_app) as root:
        assert root["principals"]["helan"].session_token not in (None, before)
