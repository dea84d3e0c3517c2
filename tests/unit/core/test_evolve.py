import textwrap

import transaction

from ningxia_portal.core import evolve
from ningxia_portal.core.evolve import script
from ningxia_portal.core.root import APP_ROOT_KEY, TOP_LEVEL, Portal


def test_steps_are_unique_increasing_and_documented():
    numbers = [n for n, _ in evolve.steps()]
    assert numbers[0] == 1 and numbers == sorted(set(numbers))
    assert all((fn.__doc__ or "").strip() for _, fn in evolve.steps())


def test_new_database_is_evolved_to_the_latest_step(wsgi_app, open_root):
    with open_root(wsgi_app) as root:
        assert root.schema_version == evolve.latest_version()
        assert all(name in root for name in TOP_LEVEL)


def test_evolve_creates_missing_containers_of_an_old_root():
    root = Portal()
    assert evolve.pending(root)
    applied = evolve.evolve(root, registry=None, commit=False)
    assert applied == [n for n, _ in evolve.steps()]
    assert sorted(root) == sorted((*TOP_LEVEL, "manage"))
    assert evolve.pending(root) == []


def _write_ini(tmp_path, demo="false"):
    ini = tmp_path / "test.ini"
    ini.write_text(
        textwrap.dedent(f"""
        [app:main]
        use = egg:ningxia_portal
        zodbconn.uri = file://{tmp_path}/Data.fs
        portal.secret = x-test-secret
        portal.demo = {demo}
        portal.evolve_on_start = false
    """)
    )
    return str(ini)


def test_console_script_migrates_an_existing_database(tmp_path, capsys):
    from ZODB import DB
    from ZODB.FileStorage import FileStorage

    db = DB(FileStorage(str(tmp_path / "Data.fs")))
    with db.transaction() as conn:
        conn.root()[APP_ROOT_KEY] = Portal()  # an old database at step 0
    db.close()
    ini = _write_ini(tmp_path)

    assert script.main([ini, "--dry-run"]) == 0
    assert "pending: [1" in capsys.readouterr().out
    assert script.main([ini]) == 0
    out = capsys.readouterr().out
    assert f"now at step {evolve.latest_version()}" in out

    db = DB(FileStorage(str(tmp_path / "Data.fs"), read_only=True))
    conn = db.open()
    root = conn.root()[APP_ROOT_KEY]
    assert root.schema_version == evolve.latest_version()
    assert "centers" in root and "filings" in root
    conn.close()
    db.close()
    transaction.abort()


def test_step_3_adds_the_manage_back_office_to_an_old_database():
    from ningxia_portal.core.evolve import step001, step002, step003
    from ningxia_portal.core.manage import AccountsSection, Manage

    root = Portal()
    step001.evolve(root, None)
    step002.evolve(root, None)
    assert "manage" not in root  # a database from before accounts
    step003.evolve(root, None)
    assert isinstance(root["manage"], Manage)
    assert isinstance(root["manage"]["accounts"], AccountsSection)
    assert root.docmap.get(root["manage"].__docid__) is root["manage"]  # catalogued
    step003.evolve(root, None)  # idempotent
    assert len(root["manage"]) == 1
