"""The shipped ini files: production refuses to start without its secrets, logs stay quiet."""

import configparser
import logging
import logging.config
import secrets
from pathlib import Path

import pytest
from pyramid.exceptions import ConfigurationError
from pyramid.paster import get_app

ROOT = Path(__file__).resolve().parents[2]


def _ini(name):
    parser = configparser.ConfigParser(defaults={"here": str(ROOT)}, interpolation=None)
    parser.read(ROOT / name)
    return parser


def production_environment(monkeypatch):
    monkeypatch.setenv("PORTAL_SECRET", secrets.token_urlsafe(48))  # production wants a new one
    monkeypatch.setenv("PORTAL_ZODB_URI", "memory://")
    monkeypatch.setenv("PORTAL_MAIL_HOST", "smtp.example.com")
    monkeypatch.setenv("PORTAL_MAIL_SENDER", "noreply@example.com")


@pytest.mark.parametrize(
    "missing", ["PORTAL_SECRET", "PORTAL_ZODB_URI", "PORTAL_MAIL_HOST", "PORTAL_MAIL_SENDER"]
)
def test_production_stops_without_each_secret(monkeypatch, missing):
    production_environment(monkeypatch)
    monkeypatch.delenv(missing)
    with pytest.raises(ConfigurationError, match=missing):
        get_app(str(ROOT / "production.ini"))


def test_production_starts_from_the_environment_without_demo_data(monkeypatch):
    production_environment(monkeypatch)
    app = get_app(str(ROOT / "production.ini"))
    settings = app.registry.settings
    assert settings["portal.demo"] is False
    assert settings["portal.cookie_secure"] is True
    assert "pyramid_debugtoolbar" not in str(settings.get("pyramid.includes", ""))


def test_production_server_has_threads_proxy_and_body_limit():
    server = _ini("production.ini")["server:main"]
    assert int(server["threads"]) >= 4
    assert server["trusted_proxy"] and server["trusted_proxy_headers"]
    assert int(server["max_request_body_size"]) > 0
    assert "PORTAL_SECRET" not in "".join(_ini("production.ini")["app:main"].values()).replace(
        "${PORTAL_SECRET}", ""
    )


def test_production_refuses_the_secret_development_used_to_ship(monkeypatch):
    production_environment(monkeypatch)
    monkeypatch.setenv("PORTAL_SECRET", "development-only-not-a-secret-5f2b8c")
    with pytest.raises(ConfigurationError, match="published"):
        get_app(str(ROOT / "production.ini"))


def test_development_uses_file_storage_and_demo_data():
    app = _ini("development.ini")["app:main"]
    assert app["zodbconn.uri"].startswith("file://") and "blobstorage_dir" in app["zodbconn.uri"]
    assert app["portal.demo"] == "true"


@pytest.mark.parametrize("name", ["development.ini", "production.ini"])
def test_waitress_queue_depth_warning_is_silenced(name):
    logging.config.fileConfig(
        str(ROOT / name), defaults={"here": str(ROOT)}, disable_existing_loggers=False
    )
    try:
        queue = logging.getLogger("waitress.queue")
        assert not queue.isEnabledFor(logging.WARNING)
        assert logging.getLogger("waitress").isEnabledFor(logging.INFO)
    finally:
        logging.getLogger("waitress.queue").setLevel(logging.NOTSET)
        logging.getLogger().handlers.clear()
