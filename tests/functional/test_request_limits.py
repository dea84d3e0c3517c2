"""A request above a bound (body, fields, files) is answered 413 with a page that says
which bound, in Chinese, or as JSON for API clients; nothing is read or saved."""

import pytest
import webtest

from ningxia_portal import main
from tests.conftest import base_settings


@pytest.fixture
def small_app():
    settings = base_settings(
        **{
            "portal.request_max_bytes": "20000",
            "portal.request_max_fields": "10",
            "portal.request_max_files": "2",
        }
    )
    return webtest.TestApp(main({}, **settings))


def test_a_body_above_the_bound_gets_the_chinese_413_page(small_app):
    res = small_app.post("/login", {"login": "x" * 30_000, "password": "p"}, status=413)
    assert res.html.h1.text.strip() == "请求过大"
    assert "请求超过 0.0190735 MB。" in res.html.select_one(".error-page").text
    assert "未保存任何内容" in res.text


def test_api_clients_get_json(small_app):
    res = small_app.post(
        "/login",
        {"login": "x" * 30_000},
        headers={"Accept": "application/json"},
        status=413,
    )
    assert res.json == {
        "error": "request_too_large",
        "status": 413,
        "bound": "body",
        "limit": 20000,
    }


def test_too_many_urlencoded_fields(small_app):
    fields = [(f"f{n}", "v") for n in range(11)]
    res = small_app.post("/login", fields, status=413)
    assert "表单字段超过 10 个" in res.html.select_one(".error-page").text


def test_too_many_files(small_app):
    files = [("upload", f"{n}.pdf", b"%PDF-1.4\n") for n in range(3)]
    res = small_app.post("/login", {"csrf_token": "x"}, upload_files=files, status=413)
    assert "一次发送的文件超过 2 个" in res.html.select_one(".error-page").text


def test_too_many_multipart_fields(small_app):
    fields = [(f"f{n}", "v") for n in range(11)]
    files = [("upload", "a.pdf", b"%PDF-1.4\n")]
    res = small_app.post("/login", fields, upload_files=files, status=413)
    assert "表单字段超过 10 个" in res.html.select_one(".error-page").text


def test_within_the_bounds_the_form_is_answered_as_usual(small_app):
    page = small_app.get("/login")
    form = page.forms["login"]
    form["login"] = "nobody"
    form["password"] = "wrong-password"
    res = form.submit("submit")
    assert res.status_int == 200 and res.forms["login"]["login"].value == "nobody"
