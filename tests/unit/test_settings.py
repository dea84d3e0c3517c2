import pytest
from pyramid.exceptions import ConfigurationError

from ningxia_portal.settings import load_settings


def test_missing_secret_stops_start_up_with_the_key_and_variable():
    with pytest.raises(ConfigurationError) as exc:
        load_settings({"zodbconn.uri": "memory://"})
    assert "portal.secret" in str(exc.value) and "PORTAL_SECRET" in str(exc.value)


def test_environment_reference_is_resolved(monkeypatch):
    monkeypatch.setenv("PORTAL_ZODB_URI", "memory://")
    monkeypatch.setenv("PORTAL_SECRET", "from-env")
    settings = load_settings(
        {
            "zodbconn.uri": "${PORTAL_ZODB_URI}",
            "portal.secret": "${PORTAL_SECRET}",
            "portal.mail": "off",
        }
    )
    assert settings["zodbconn.uri"] == "memory://"
    assert settings["portal.secret"] == "from-env"


def test_unset_environment_reference_names_the_variable(monkeypatch):
    monkeypatch.delenv("PORTAL_ZODB_URI", raising=False)
    with pytest.raises(ConfigurationError, match="PORTAL_ZODB_URI"):
        load_settings({"zodbconn.uri": "${PORTAL_ZODB_URI}", "portal.secret": "s"})


def test_the_secret_and_the_storage_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("PORTAL_SECRET", "from-env")
    monkeypatch.setenv("PORTAL_ZODB_URI", "zeo://zeo-host:8100")
    settings = load_settings(
        {"portal.secret": "in-ini", "portal.mail": "off", "zodbconn.uri": "memory://"}
    )
    assert settings["portal.secret"] == "from-env"
    assert settings["zodbconn.uri"] == "zeo://zeo-host:8100"


@pytest.mark.parametrize(
    ("variable", "key", "value", "kept"),
    [
        ("PORTAL_DEMO", "portal.demo", "true", False),
        ("PORTAL_INCLUDES", "portal.includes", "ningxia_portal.bench.ceiling", ()),
        ("PORTAL_CLOCK", "portal.clock", "x.FrozenClock", "ningxia_portal.core.clock.SystemClock"),
        ("PORTAL_COOKIE_SECURE", "portal.cookie_secure", "false", True),
    ],
)
def test_other_settings_do_not_come_from_the_environment(monkeypatch, variable, key, value, kept):
    """Only the ini file turns demo data, add-ons or a fake clock on."""
    monkeypatch.setenv(variable, value)
    ini = {
        "portal.secret": "s",
        "portal.demo": "false",
        "portal.cookie_secure": "true",
        "portal.mail": "off",
    }
    assert load_settings(ini)[key] == kept


def test_unknown_portal_key_is_a_typo():
    with pytest.raises(ConfigurationError, match="portal.deom"):
        load_settings({"portal.secret": "s", "portal.deom": "true"})


def test_values_are_parsed():
    settings = load_settings(
        {
            "portal.secret": "s",
            "portal.demo": "yes",
            "portal.demo_centers": "640000 640100",
            "portal.mail": "off",
        }
    )
    assert settings["portal.demo"] is True
    assert settings["portal.demo_centers"] == ("640000", "640100")


def test_the_former_holiday_dir_setting_is_named_as_unknown():
    """The holiday calendar comes from chinese-calendar and /manage/calendar now."""
    with pytest.raises(ConfigurationError, match="portal.holiday_dir"):
        load_settings({"portal.secret": "s", "portal.holiday_dir": "/srv/holidays"})
