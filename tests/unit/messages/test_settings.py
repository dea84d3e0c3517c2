"""Mail settings: smtp needs its server and sender, from the ini or the environment."""

import pytest
from pyramid.exceptions import ConfigurationError

from ningxia_portal.settings import load_settings

BASE = {"portal.secret": "x", "zodbconn.uri": "memory://"}


def test_smtp_needs_the_server_and_the_sender(monkeypatch):
    for name in ("PORTAL_MAIL_HOST", "PORTAL_MAIL_SENDER"):
        monkeypatch.delenv(name, raising=False)
    smtp = {**BASE, "portal.mail": "smtp"}
    with pytest.raises(ConfigurationError, match="mail.host.*PORTAL_MAIL_HOST.*portal.mail = off"):
        load_settings(smtp)
    with pytest.raises(ConfigurationError, match="mail.default_sender.*PORTAL_MAIL_SENDER"):
        load_settings({**smtp, "mail.host": "smtp.example.com"})


def test_the_environment_gives_the_server_and_its_secrets(monkeypatch):
    monkeypatch.setenv("PORTAL_MAIL_HOST", "smtp.example.com")
    monkeypatch.setenv("PORTAL_MAIL_SENDER", "noreply@example.com")
    monkeypatch.setenv("PORTAL_MAIL_PASSWORD", "s3cret")
    settings = load_settings({**BASE, "portal.mail": "smtp"})
    assert settings["portal.mail"] == "smtp"
    assert settings["mail.host"] == "smtp.example.com"
    assert settings["mail.password"] == "s3cret"


def test_mail_off_by_default_needs_nothing_and_a_wrong_choice_stops():
    assert load_settings(BASE)["portal.mail"] == "off"
    with pytest.raises(ConfigurationError, match="smtp, file or off"):
        load_settings({**BASE, "portal.mail": "sendmail"})
