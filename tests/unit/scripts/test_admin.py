"""``ningxia-portal-admin <ini> create-admin USERNAME`` against a temporary FileStorage."""

import textwrap

import pytest
import webtest
from ZODB import DB
from ZODB.FileStorage import FileStorage

from ningxia_portal import main
from ningxia_portal.accounts import admin as accounts_admin
from ningxia_portal.core.root import APP_ROOT_KEY
from ningxia_portal.scripts import admin as script
from ningxia_portal.scripts import evolve as evolve_script
from tests.conftest import base_settings, login


@pytest.fixture
def ini(tmp_path):
    path = tmp_path / "test.ini"
    path.write_text(
        textwrap.dedent(f"""
        [app:main]
        use = egg:ningxia_portal
        zodbconn.uri = file://{tmp_path}/Data.fs
        portal.secret = x-test-secret
        portal.password_hasher = fast
        portal.evolve_on_start = false
    """)
    )
    assert evolve_script.main([str(path)]) == 0
    return str(path)


def read_user(tmp_path, username):
    db = DB(FileStorage(str(tmp_path / "Data.fs"), read_only=True))
    try:
        conn = db.open()
        user = conn.root()[APP_ROOT_KEY]["principals"].get(username)
        found = None if user is None else (user.principals(), user.password_hash)
        conn.close()
        return found
    finally:
        db.close()


def test_create_admin_from_the_environment(ini, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PORTAL_ADMIN_PASSWORD", "strong2026")
    assert script.main([ini, "create-admin", "Chief"]) == 0
    assert "created administrator chief" in capsys.readouterr().out
    principals, password_hash = read_user(tmp_path, "chief")
    assert "role:admin" in principals and "strong2026" not in password_hash
    # The admin can log in to an app on that database.
    settings = base_settings(**{"zodbconn.uri": f"file://{tmp_path}/Data.fs"})
    app = main({}, **settings)
    try:
        page = login(webtest.TestApp(app), "chief", "strong2026")
        assert "账户管理" in page.html.select_one(".site-nav").text
    finally:
        app.registry._zodb_databases[""].close()


def test_create_admin_prompts_for_the_password(ini, tmp_path, monkeypatch):
    monkeypatch.delenv("PORTAL_ADMIN_PASSWORD", raising=False)
    answers = iter(["prompted99", "prompted99"])
    monkeypatch.setattr(accounts_admin.getpass, "getpass", lambda prompt: next(answers))
    assert script.main([ini, "create-admin", "boss"]) == 0
    assert "role:admin" in read_user(tmp_path, "boss")[0]


@pytest.mark.parametrize(
    ("username", "password", "message"),
    [
        ("boss", "weak", "Password refused"),
        ("boss", "lettersonly", "Password refused"),
        ("1bad", "strong2026", "Invalid username"),
    ],
)
def test_create_admin_refuses_bad_input(ini, tmp_path, monkeypatch, username, password, message):
    monkeypatch.setenv("PORTAL_ADMIN_PASSWORD", password)
    with pytest.raises(SystemExit, match=message):
        script.main([ini, "create-admin", username])
    assert read_user(tmp_path, username.lower()) is None


def test_create_admin_refuses_an_existing_name(ini, monkeypatch):
    monkeypatch.setenv("PORTAL_ADMIN_PASSWORD", "strong2026")
    script.main([ini, "create-admin", "boss"])
    with pytest.raises(SystemExit, match="already exists"):
        script.main([ini, "create-admin", "boss"])


def test_mismatched_prompts_are_refused(ini, monkeypatch):
    monkeypatch.delenv("PORTAL_ADMIN_PASSWORD", raising=False)
    answers = iter(["prompted99", "other99999"])
    monkeypatch.setattr(accounts_admin.getpass, "getpass", lambda prompt: next(answers))
    with pytest.raises(SystemExit, match="differ"):
        script.main([ini, "create-admin", "boss"])
