"""The signing secret: development writes a random one under var/, production refuses a
short one or one published in the repository, and a cookie signed with such a value is
refused by a production-configured portal."""

import os
import re
import secrets
import stat
from pathlib import Path

import pytest
import webtest
from pyramid.exceptions import ConfigurationError

from ningxia_portal import main
from ningxia_portal.core.root import get_database
from ningxia_portal.settings import KNOWN_SECRETS, SECRET_MIN_BYTES, load_settings
from tests.conftest import base_settings, create_user, login

ROOT = Path(__file__).resolve().parents[2]
DEV_SECRET = "development-only-not-a-secret-5f2b8c"  # what development.ini used to ship


def test_development_writes_a_random_secret_once_and_reuses_it(tmp_path):
    path = tmp_path / "var" / "secret"
    first = load_settings({"portal.secret_file": str(path)})["portal.secret"]
    assert len(first.encode()) >= SECRET_MIN_BYTES and first not in KNOWN_SECRETS
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert load_settings({"portal.secret_file": str(path)})["portal.secret"] == first
    other = load_settings({"portal.secret_file": str(tmp_path / "other")})["portal.secret"]
    assert other != first


def test_development_ini_ships_no_secret():
    text = (ROOT / "development.ini").read_text()
    assert not re.search(r"^portal\.secret\s*=", text, re.M)
    assert re.search(r"^portal\.secret_file\s*=\s*%\(here\)s/var/secret", text, re.M)


@pytest.mark.parametrize("secret", sorted(KNOWN_SECRETS) + ["short-but-random-x9"])
def test_production_refuses_a_known_or_short_secret(secret):
    with pytest.raises(ConfigurationError, match="portal.secret"):
        load_settings({"portal.secret": secret, "portal.strict_secret": "true"})


def test_every_secret_in_the_repository_is_refused_by_production():
    """A value added to an ini file or a test later must be listed (or be short)."""
    found = set()
    pattern = re.compile(
        r"""(?:portal\.secret["']?\s*[:=]\s*|PORTAL_SECRET["']?,\s*)["']?([^"'\s,}$]+)"""
    )
    for path in [*ROOT.glob("*.ini"), *ROOT.glob("bench/*.ini"), *ROOT.rglob("tests/**/*.py")]:
        found.update(pattern.findall(path.read_text(encoding="utf-8")))
    found.discard("")
    assert found, "the scan found nothing: the pattern is broken"
    for value in found:
        assert value in KNOWN_SECRETS or len(value.encode()) < SECRET_MIN_BYTES, value


def test_a_cookie_forged_with_the_repository_secret_is_refused_in_production(tmp_path):
    uri = f"file://{tmp_path}/Data.fs"
    published = main({}, **base_settings(**{"zodbconn.uri": uri, "portal.secret": DEV_SECRET}))
    create_user(published, "helan")
    forger = webtest.TestApp(published)
    login(forger, "helan", "helan1234")  # a valid cookie, as anyone knowing the secret makes
    forged = forger.cookies["portal_session"]
    assert forger.get("/profile").status_int == 200
    get_database(published.registry).close()

    strict = {"zodbconn.uri": uri, "portal.strict_secret": "true"}
    with pytest.raises(ConfigurationError):
        main({}, **base_settings(**strict, **{"portal.secret": DEV_SECRET}))
    production = main({}, **base_settings(**strict, **{"portal.secret": secrets.token_hex(32)}))
    try:
        victim_view = webtest.TestApp(production)
        victim_view.set_cookie("portal_session", forged)
        res = victim_view.get("/profile")
        assert res.status_int == 302 and "/login" in res.location
    finally:
        get_database(production.registry).close()
