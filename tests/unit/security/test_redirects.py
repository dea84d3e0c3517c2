import pytest
from pyramid.testing import DummyRequest

from ningxia_portal.security.redirects import safe_came_from

HOME = "http://example.com/"


def request():
    return DummyRequest(environ={"HTTP_HOST": "example.com"})


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("/profile", "http://example.com/profile"),
        ("/centers/640100/?page=2", "http://example.com/centers/640100/?page=2"),
        ("http://example.com/password", "http://example.com/password"),
        ("/search?q=营业执照", "http://example.com/search?q=%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7"),
        ("http://example.com/搜索?q=%20", "http://example.com/%E6%90%9C%E7%B4%A2?q=%20"),
    ],
)
def test_paths_and_urls_of_this_site_are_kept(value, expected):
    assert safe_came_from(request(), value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "",
        None,
        "http://evil.example/",
        "https://example.com/",  # another scheme is another origin
        "//evil.example/",
        "///evil.example/",
        "/\\evil.example/",
        "\\\\evil.example",
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,hi",
        "profile",
        " /profile",
        "/pro\nfile",
        "/\tevil",
        "http://example.com.evil.example/",
        "http://example.com@evil.example/",
        "/" + "a" * 3000,
        "/search?q=\ud800",  # a lone surrogate can't be encoded
    ],
)
def test_anything_else_goes_home(value):
    assert safe_came_from(request(), value) == HOME


def test_the_location_is_always_ascii():
    assert safe_came_from(request(), "/公告/通知?分类=政策#第一节").isascii()
