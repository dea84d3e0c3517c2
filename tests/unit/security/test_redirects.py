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
    ],
)
def test_anything_else_goes_home(value):
    assert safe_came_from(request(), value) == HOME
