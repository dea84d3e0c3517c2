"""Prepared requests of the load runner (bench/prepared.py): pure functions, no network."""

from urllib.parse import parse_qs

import pytest
from bench import prepared
from bench.pages import PAGES
from bench.prepared import Prepared

LOGIN_PAGE = """<form class="region-form"><input type="hidden" name="came_from" value="/login">
</form>
<form method="POST" action="/login">
<input type="hidden" name="_charset_" />
<input type="hidden" name="__formid__" value="login"/>
<input type="hidden" name="csrf_token" value="a1fa3dc5&amp;28402283"
       id="deformField1"/>
<input type="text" name="login" value="" id="deformField2"/>
<input type="hidden" name="came_from" value="" id="deformField4"/>
</form>"""


def test_csrf_token_is_read_from_the_form_unescaped():
    assert prepared.csrf_token(LOGIN_PAGE) == "a1fa3dc5&28402283"
    assert prepared.csrf_token('<input value="t0k" type="hidden" name="csrf_token">') == "t0k"
    with pytest.raises(ValueError):
        prepared.csrf_token("<form></form>")


def test_hidden_inputs_of_one_form_only():
    fields = prepared.hidden_inputs(LOGIN_PAGE, '__formid__" value="login"')
    assert fields == {
        "_charset_": "",
        "__formid__": "login",
        "csrf_token": "a1fa3dc5&28402283",
        "came_from": "",  # the login form's own, not the region picker's "/login"
    }
    assert prepared.hidden_inputs(LOGIN_PAGE)["came_from"] == "/login"


def test_form_body_encodes_chinese_and_keeps_order():
    body = prepared.form_body([("login", "qy00001"), ("q", "许可"), ("csrf_token", "a&b")])
    assert body == b"login=qy00001&q=%E8%AE%B8%E5%8F%AF&csrf_token=a%26b"
    assert parse_qs(body.decode())["q"] == ["许可"]


def test_multipart_body_has_fields_then_files_and_a_closing_boundary():
    ctype, body = prepared.multipart_body(
        [("csrf_token", "tok"), ("__start__", "upload:mapping"), ("description", "食品")],
        [("upload", "营业执照.pdf", "application/pdf", b"%PDF-1.4 x")],
        boundary="BOUNDARY",
    )
    assert ctype == "multipart/form-data; boundary=BOUNDARY"
    parts = body.split(b"--BOUNDARY")
    assert parts[0] == b"" and parts[-1] == b"--\r\n" and len(parts) == 6
    assert parts[1] == b'\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\ntok\r\n'
    assert "食品".encode() in parts[3]
    assert (
        'name="upload"; filename="营业执照.pdf"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
        in parts[4]
    )
    assert parts[4].endswith(b"%PDF-1.4 x\r\n")


def test_raw_request_and_the_requests_file_round_trip():
    reqs = [
        Prepared("GET", "/filings/", {"Cookie": "portal_session=abc"}),
        Prepared(
            "POST",
            "/login",
            {"Cookie": "s=1", "Content-Type": "application/x-www-form-urlencoded"},
            b"login=qy1&password=p",
        ),
    ]
    data = prepared.requests_file("http://127.0.0.1:4000", reqs)
    get, post = prepared.read_requests_file(data)
    assert get == (
        b"GET /filings/ HTTP/1.1\r\nHost: 127.0.0.1:4000\r\nCookie: portal_session=abc\r\n\r\n"
    )
    head, _, body = post.partition(b"\r\n\r\n")
    assert head.startswith(b"POST /login HTTP/1.1\r\nHost: 127.0.0.1:4000\r\n")
    assert b"\r\nContent-Length: 20" in head and body == b"login=qy1&password=p"
    with pytest.raises(ValueError):
        prepared.requests_file("http://x", [])


def test_the_login_page_is_prepared_per_account():
    login = next(p for p in PAGES if p.name == "login")
    assert (login.method, login.expect, login.prepare.__name__) == (
        "POST",
        302,
        "login_form_requests",
    )
