"""Enterprise registration at /register, through the real deform form."""

import pytest

from tests.conftest import create_user

GOOD = {
    "username": "saishang",
    "title": "宁夏塞上枸杞有限公司",
    "credit_code": "91640104MA76XY9K3J",
    "legal_representative": "马建国",
    "contact": "李文静",
    "phone": "0951-6012345",
    "email": "office@saishang.example.cn",
}


def fill(app, password="gouqi2026", confirm=None, **changes):  # noqa: S107
    form = app.get("/register").forms["register"]
    for key, value in {**GOOD, **changes}.items():
        form[key] = value
    form["password"] = password
    form["password-confirm"] = password if confirm is None else confirm
    return form.submit("submit")


def field_error(res, name):
    """The message shown at a field (deform puts it in the item's invalid-feedback)."""
    item = res.html.select_one(f"#item-deformField{field_index(res, name)}")
    feedback = item.select_one(".invalid-feedback, .help-block.error, p.error")
    return feedback.text.strip() if feedback else ""


def field_index(res, name):
    element = res.html.select_one(f'form#register [name="{name}"]')
    return element["id"].removeprefix("deformField").split("-")[0]


def test_registration_creates_the_enterprise_and_logs_it_in(app, open_root, wsgi_app):
    res = fill(app)
    assert res.status_int == 302
    home = res.follow()
    assert "注册成功" in home.html.select_one(".flash").text
    assert GOOD["title"] in home.html.select_one(".account-tools").text
    with open_root(wsgi_app) as root:
        user = root["principals"]["saishang"]
        assert user.kind == "enterprise" and user.title == GOOD["title"]
        assert user.credit_code == GOOD["credit_code"]
        assert user.phone == "0951-6012345" and user.email == GOOD["email"]
        assert user.password_hash.startswith("$argon2id$") and "gouqi2026" not in user.password_hash
        assert root["principals"].find(GOOD["credit_code"]) is user


def test_bad_input_keeps_every_value_but_the_passwords(app, open_root, wsgi_app):
    res = fill(app, credit_code="91640104MA76XY9K3K", phone="12345")
    assert res.status_int == 200
    form = res.forms["register"]
    assert form["username"].value == "saishang"
    assert form["title"].value == GOOD["title"]
    assert form["credit_code"].value == "91640104MA76XY9K3K"
    assert form["email"].value == GOOD["email"]
    assert form["password"].value == "" and form["password-confirm"].value == ""
    assert "校验码" in field_error(res, "credit_code")
    assert "手机号码" in field_error(res, "phone")
    with open_root(wsgi_app) as root:
        assert "saishang" not in root["principals"]


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("91640104MA76XY9K3A", "校验码"),  # wrong check character
        ("91640104MA76XY9I3J", "不含 I、O、S、V、Z"),
        ("91640104MA76XY9O3J", "不含 I、O、S、V、Z"),
        ("91640104MA76XY9S3J", "不含 I、O、S、V、Z"),
        ("91640104MA76XY9V3J", "不含 I、O、S、V、Z"),
        ("91640104MA76XY9Z3J", "不含 I、O、S、V、Z"),
        ("91640104MA76XY9K3", "18位"),
        ("91640104MA76XY9K3JJ", "18位"),
    ],
)
def test_credit_code_is_checked(app, code, message):
    res = fill(app, credit_code=code)
    assert message in field_error(res, "credit_code")


def test_lower_case_credit_code_is_stored_upper_case(app, open_root, wsgi_app):
    fill(app, credit_code="91640104ma76xy9k3j").follow()
    with open_root(wsgi_app) as root:
        assert root["principals"]["saishang"].credit_code == "91640104MA76XY9K3J"


def test_a_registered_credit_code_is_refused(app, wsgi_app):
    create_user(wsgi_app, "first", credit_code="91640104MA76XY9K3J")
    res = fill(app, credit_code="91640104ma76xy9k3j")
    assert "已注册" in field_error(res, "credit_code")


def test_a_taken_username_is_refused(app, wsgi_app):
    create_user(wsgi_app, "saishang")
    res = fill(app)
    assert "已被使用" in field_error(res, "username")


@pytest.mark.parametrize(
    ("password", "ok"),
    [
        ("abc12", False),
        ("abc123", True),
        ("abcdefghij123456789k", True),
        ("abcdefghij123456789kl", False),
        ("abcdefgh", False),
        ("12345678", False),
    ],
)
def test_password_rule_edges(app, open_root, wsgi_app, password, ok):
    res = fill(app, password=password)
    if ok:
        assert res.status_int == 302
    else:
        assert res.status_int == 200
        assert "密码" in field_error(res, "password")
    with open_root(wsgi_app) as root:
        assert ("saishang" in root["principals"]) is ok


def test_passwords_must_match(app):
    res = fill(app, password="gouqi2026", confirm="gouqi2027")
    assert "不一致" in field_error(res, "password")


def test_required_fields_say_so_in_chinese(app):
    res = fill(app, legal_representative="", contact="")
    assert field_error(res, "legal_representative") == "必需"


def test_registrations_from_one_address_are_slowed(wsgi_app, open_root):
    import webtest

    from ningxia_portal.accounts.credit_code import check_character
    from ningxia_portal.core.clock import get_clock
    from ningxia_portal.core.events import Audited

    seen = []
    wsgi_app.registry.registerHandler(lambda event: seen.append(event.action), (Audited,))
    free = wsgi_app.registry.settings["portal.register_free_per_address"]
    codes = [f"91640104MA76XY{n:03d}" for n in range(free + 1)]
    codes = [code + check_character(code) for code in codes]
    for n in range(free):
        office = webtest.TestApp(wsgi_app, extra_environ={"REMOTE_ADDR": "10.6.6.6"})
        assert fill(office, username=f"firm{n}", credit_code=codes[n]).status_int == 302
    office = webtest.TestApp(wsgi_app, extra_environ={"REMOTE_ADDR": "10.6.6.6"})
    res = fill(office, username="onemore", credit_code=codes[free])
    assert "注册次数过多" in res.html.select_one("form#register").text
    assert res.forms["register"]["username"].value == "onemore"  # the values are kept
    assert seen[-1] == "register.throttled"
    with open_root(wsgi_app) as root:
        assert "onemore" not in root["principals"]
    elsewhere = webtest.TestApp(wsgi_app, extra_environ={"REMOTE_ADDR": "10.7.7.7"})
    assert fill(elsewhere, username="onemore", credit_code=codes[free]).status_int == 302
    get_clock(wsgi_app.registry).advance(seconds=2)  # the delay has passed: one more may
    code = "91640104MA76XW001"
    assert (
        fill(office, username="another", credit_code=code + check_character(code)).status_int == 302
    )
