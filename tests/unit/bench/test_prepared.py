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


APPLY_PAGE = """<form class="region-form"><input type="hidden" name="came_from" value="/x"></form>
<form id="apply" method="POST" enctype="multipart/form-data">
<input type="hidden" name="_charset_" />
<input type="hidden" name="__formid__" value="apply"/>
<input type="hidden" name="csrf_token" value="tok"/>
<textarea name="description" id="f1"></textarea>
<input type="text" name="contact" value=""/>
<input type="hidden" name="__start__" value="materials:mapping"/>
<input type="hidden" name="__start__" value="0:sequence" class="deform-proto" prototype="%3Cdiv"/>
<input type="hidden" name="__start__" value="upload:mapping"/>
<input type="file" name="upload" id="f2"/>
<input type="hidden" name="__end__" value="upload:mapping"/>
<button class="deform-close-button" id="f2-close">x</button>
<input type="hidden" name="__end__" value="0:sequence"/>
<input type="hidden" name="__end__" value="materials:mapping"/>
<button id="applysubmit" name="submit" type="submit" value="submit">提交</button>
</form>"""


def test_form_fields_keep_the_document_order_of_one_form():
    fields = prepared.form_fields(APPLY_PAGE, 'id="apply"')
    assert [name for _, name, _ in fields] == [
        "_charset_",
        "__formid__",
        "csrf_token",
        "description",
        "contact",
        "__start__",
        "__start__",
        "__start__",
        "upload",
        "__end__",
        "__end__",
        "__end__",
    ]
    assert fields[3][0] == "textarea" and fields[8][0] == "file"
    assert fields[6] == ("hidden", "__start__", "0:sequence")


def test_filled_multipart_posts_what_a_browser_posts():
    fields = prepared.form_fields(APPLY_PAGE, 'id="apply"')
    ctype, body = prepared.filled_multipart(
        fields,
        {"description": "申请新办", "contact": "张伟"},
        ("材料.pdf", "application/pdf", b"%PDF-1.4"),
        ("submit", "submit"),
    )
    boundary = ctype.partition("boundary=")[2]
    parts = body.split(f"--{boundary}".encode())
    assert parts[0] == b"" and parts[-1] == b"--\r\n"
    names = [p.split(b'name="')[1].split(b'"')[0].decode() for p in parts[1:-1]]
    assert names == [n for _, n, _ in fields] + ["submit"]
    assert "申请新办".encode() in parts[4] and "张伟".encode() in parts[5]
    upload = parts[9]
    assert b'filename="' in upload and upload.endswith(b"%PDF-1.4\r\n")
    assert parts[3].endswith(b"\r\n\r\ntok\r\n")


def test_filings_pages_are_prepared_and_have_their_targets():
    by_name = {p.name: p for p in PAGES}
    assert by_name["my filings"].p50_ms == by_name["staff queue"].p50_ms == 20
    submit = by_name["submit filing"]
    assert (submit.method, submit.expect, submit.min_rps) == ("POST", 303, 150)
    assert submit.url_path({"samples": {"item": "/c/640100/scjg/x/"}}) == "/c/640100/scjg/x/apply"
