"""Requests no page of ours sends get a clear 400 (or the form again), never a 500.

Multipart bodies are built by hand: a text field sent as a file part, text that is not
UTF-8. Forms get deform structures they never render (``materials=x``, ``__start__``
without ``__end__``). A ``came_from`` with Chinese in it must not lose the login.
"""

import gc
import warnings
from urllib.parse import quote

import pytest

from tests.conftest import create_user, login

UNREADABLE = "表单无法读取"


def post_multipart(app, url, *parts, status=400):
    """POST a multipart body of (name, value) or (name, filename, bytes) parts."""
    chunks = []
    for part in parts:
        if len(part) == 2:
            name, value = part
            head = f'Content-Disposition: form-data; name="{name}"'
        else:
            name, filename, value = part
            head = f'Content-Disposition: form-data; name="{name}"; filename="{filename}"'
        value = value if isinstance(value, bytes) else value.encode()
        chunks.append(b"--b\r\n" + head.encode() + b"\r\n\r\n" + value + b"\r\n")
    body = b"".join(chunks) + b"--b--\r\n"
    headers = {"Content-Type": "multipart/form-data; boundary=b"}
    return app.request(url, method="POST", body=body, headers=headers, status=status)


@pytest.fixture
def login_page(app, wsgi_app):
    create_user(wsgi_app, "helan")
    return app.get("/login")


def token(page):
    return page.forms["login"]["csrf_token"].value


def assert_logged_out(app):
    assert "登录" in app.get("/").html.select_one(".account-tools").text


@pytest.mark.parametrize("field", ["csrf_token", "login", "came_from"])
def test_a_text_field_sent_as_a_file_is_a_bad_request(app, login_page, field):
    values = {
        "csrf_token": token(login_page),
        "login": "helan",
        "password": "helan1234",
        "came_from": "/",
    }
    parts = [
        (name, "x.txt", value) if name == field else (name, value) for name, value in values.items()
    ]
    res = post_multipart(app, "/login", *parts, ("submit", "submit"))
    assert UNREADABLE in res.html.select_one("main").text
    assert_logged_out(app)


@pytest.mark.parametrize(
    "part",
    [
        ("login", b"hel\xffan"),  # not UTF-8
        ("login", b"\xe8\x90"),  # a character cut short
    ],
)
def test_text_that_is_not_utf8_is_a_bad_request(app, login_page, part):
    parts = [("csrf_token", token(login_page)), part, ("password", "helan1234")]
    res = post_multipart(app, "/login", *parts, ("submit", "submit"))
    assert UNREADABLE in res.html.select_one("main").text
    assert_logged_out(app)


def test_a_part_in_an_unknown_charset_is_a_bad_request(app, login_page):
    body = (
        b'--b\r\nContent-Disposition: form-data; name="login"\r\n'
        b"Content-Type: text/plain; charset=no-such-charset\r\n\r\nhelan\r\n--b--\r\n"
    )
    headers = {"Content-Type": "multipart/form-data; boundary=b"}
    res = app.request("/login", method="POST", body=body, headers=headers, status=400)
    assert UNREADABLE in res.html.select_one("main").text


@pytest.mark.parametrize(
    "controls",
    [
        [("login", "helan"), ("__start__", "login:mapping"), ("__end__", "login:mapping")],
        [("__start__", "login:sequence"), ("login", "helan"), ("__end__", "login:sequence")],
        [("__start__", "x:mapping"), ("login", "helan")],  # no end
        [("login", "helan"), ("__end__", "x:mapping")],  # no start
        [("__start__", "x:bogus"), ("login", "helan"), ("__end__", "x:bogus")],
    ],
)
def test_a_malformed_deform_structure_is_a_bad_request(app, login_page, controls):
    params = [("csrf_token", token(login_page)), *controls, ("password", "helan1234")]
    res = app.post("/login", params + [("submit", "submit")], status=400)
    assert UNREADABLE in res.html.select_one("main").text
    assert_logged_out(app)


CHINESE_TARGET = "/search?q=营业执照"


def test_a_chinese_came_from_is_percent_encoded_and_the_login_succeeds(app, wsgi_app):
    create_user(wsgi_app, "helan", title="贺兰山商贸")
    page = login(app, "helan", "helan1234", came_from=CHINESE_TARGET)
    assert page.request.path_qs == "/search?q=" + quote("营业执照")
    assert "贺兰山商贸" in page.html.select_one(".account-tools").text
    assert page.html.select_one("input[name=q]")["value"] == "营业执照"


def test_a_chinese_came_from_of_the_region_picker(demo_app):
    res = demo_app.get("/set-region", params={"region": "640104", "came_from": CHINESE_TARGET})
    assert res.status_int == 302
    assert res.location == "http://localhost/search?q=" + quote("营业执照")
    assert res.follow().html.select_one("#region-select option[selected]")["value"] == "640104"


def test_a_huge_text_part_leaves_no_temporary_file_open(app, login_page):
    # A text part over 64 KB is spooled to a temporary file by the multipart parser.
    parts = [("csrf_token", token(login_page)), ("login", "宁" * 40_000), ("password", "x")]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        res = post_multipart(app, "/login", *parts, ("submit", "submit"), status=200)
        del res
        gc.collect()
    assert [w for w in caught if issubclass(w.category, ResourceWarning)] == []
    assert_logged_out(app)
