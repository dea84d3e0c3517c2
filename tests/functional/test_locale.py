"""The portal speaks Chinese (zh_CN) or English (en) and nothing else, whatever a request asks.

Pyramid takes any ``_LOCALE_``: it joined the value with its translation directories (so
``/usr/share/locale/ja`` read another directory's catalogs) and kept a localizer for every
spelling, for good.
"""

import pytest
import webtest
from pyramid.exceptions import ConfigurationError
from pyramid.interfaces import ILocalizer

from ningxia_portal import main
from tests.conftest import base_settings

BAD = ["/usr//share/locale/ja", "../../de", "../locale/zh_CN", "ja", "zh_cn", "EN", ""]


def localizers(wsgi_app):
    return sorted(name for name, _ in wsgi_app.registry.getUtilitiesFor(ILocalizer))


def assert_chinese_login(res):
    assert res.status_int == 200
    assert res.html.html["lang"] == "zh-CN"
    assert res.html.select_one("form#login button").text.strip() == "登录"


@pytest.mark.parametrize("bad", BAD)
def test_a_foreign_locale_parameter_answers_in_chinese(app, wsgi_app, bad):
    assert_chinese_login(app.get("/login"))
    before = localizers(wsgi_app)
    assert_chinese_login(app.get("/login", params={"_LOCALE_": bad}))
    assert localizers(wsgi_app) == before == ["zh_CN"]


@pytest.mark.parametrize("bad", BAD)
def test_a_foreign_locale_cookie_answers_in_chinese(app, wsgi_app, bad):
    app.set_cookie("_LOCALE_", bad)
    assert_chinese_login(app.get("/login"))
    assert localizers(wsgi_app) == ["zh_CN"]


@pytest.mark.parametrize("header", ["ja", "en-US,en;q=0.9", "../../de", "/usr/share/locale/ja"])
def test_the_browsers_languages_do_not_choose(app, wsgi_app, header):
    assert_chinese_login(app.get("/login", headers={"Accept-Language": header}))
    assert localizers(wsgi_app) == ["zh_CN"]


def test_english_is_offered(app, wsgi_app):
    res = app.get("/login", params={"_LOCALE_": "en"})
    assert res.html.html["lang"] == "en"
    assert res.html.select_one("form#login button").text.strip() == "Log in"
    assert localizers(wsgi_app) == ["en"]


def test_the_default_language_is_chinese_when_the_ini_names_none():
    settings = base_settings()
    del settings["pyramid.default_locale_name"]
    assert_chinese_login(webtest.TestApp(main({}, **settings)).get("/login"))


def test_english_may_be_the_default():
    app = main({}, **base_settings(**{"pyramid.default_locale_name": "en"}))
    res = webtest.TestApp(app).get("/login", params={"_LOCALE_": "../../de"})
    assert res.html.html["lang"] == "en"


@pytest.mark.parametrize("name", ["ja", "../../de"])
def test_another_default_language_stops_start_up(name):
    with pytest.raises(ConfigurationError, match="pyramid.default_locale_name"):
        main({}, **base_settings(**{"pyramid.default_locale_name": name}))


def test_the_pyramid_environment_variable_is_checked_too(monkeypatch):
    monkeypatch.setenv("PYRAMID_DEFAULT_LOCALE_NAME", "/usr/share/locale/ja")
    with pytest.raises(ConfigurationError, match="PYRAMID_DEFAULT_LOCALE_NAME"):
        main({}, **base_settings())
