import textwrap

import pytest
import transaction
from pyramid.config import Configurator
from pyramid.exceptions import ConfigurationConflictError

from ningxia_portal.core import evolve
from ningxia_portal.core.directives import containers, evolve_steps, manage_sections
from ningxia_portal.core.root import APP_ROOT_KEY, Portal
from ningxia_portal.scripts import evolve as script


def test_steps_are_unique_increasing_and_documented(registry):
    numbers = [n for n, _ in evolve.steps(registry)]
    assert numbers[0] == 1 and numbers == sorted(set(numbers))
    assert all((fn.__doc__ or "").strip() for _, fn in evolve.steps(registry))


def test_each_package_brings_its_own_steps(registry):
    by_package = {}
    for step in evolve_steps(registry):
        by_package.setdefault(step.package.split(".")[1], []).append(step.number)
    assert by_package["core"] == [1, 3]
    assert by_package["indexing"] == [2, 10, 14, 18, 30]
    assert by_package["filings"] == [6, 7, 8, 9, 11, 12, 13, 15, 16]


def test_new_database_is_evolved_to_the_latest_step(wsgi_app, open_root):
    with open_root(wsgi_app) as root:
        assert root.schema_version == evolve.latest_version(wsgi_app.registry)
        assert all(name in root for name in containers(wsgi_app.registry))


def test_evolve_creates_missing_containers_of_an_old_root(registry):
    root = Portal()
    assert evolve.pending(root, registry)
    applied = evolve.evolve(root, registry, commit=False)
    assert applied == [n for n, _ in evolve.steps(registry)]
    expected = ["announcements", "appointments", "centers", "complaints", "consultations"]
    expected += ["evaluations", "filings", "manage", "messages", "notices", "principals", "stats"]
    assert sorted(root) == sorted(expected)
    assert sorted(root["manage"]) == sorted(manage_sections(registry))
    assert evolve.pending(root, registry) == []


def test_a_step_without_a_docstring_is_refused():
    config = Configurator(settings={})
    config.include("ningxia_portal.core.directives")
    with pytest.raises(ValueError, match="no docstring"):
        config.add_evolve_step(99, lambda root, registry: None)


def test_a_step_number_taken_twice_stops_start_up():
    def one(root, registry):
        """One."""

    def other(root, registry):
        """Other."""

    config = Configurator(settings={})
    config.include("ningxia_portal.core.directives")
    config.add_evolve_step(99, one)
    config.add_evolve_step(99, other)
    with pytest.raises(ConfigurationConflictError):
        config.commit()


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


def _read_root(tmp_path):
    from ZODB import DB
    from ZODB.FileStorage import FileStorage

    db = DB(FileStorage(str(tmp_path / "Data.fs"), read_only=True))
    conn = db.open()
    try:
        root = conn.root().get(APP_ROOT_KEY)
        return None if root is None else (root.schema_version, sorted(root))
    finally:
        conn.close()
        db.close()
        transaction.abort()


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
    version, names = _read_root(tmp_path)
    assert f"now at step {version}" in out
    assert "centers" in names and "filings" in names


def test_a_dry_run_writes_nothing_not_even_a_new_root(tmp_path, capsys):
    ini = _write_ini(tmp_path)
    assert script.main([ini, "--dry-run"]) == 0
    assert "database at step 0; pending: [1, 2, 3" in capsys.readouterr().out
    assert _read_root(tmp_path) is None  # the storage holds no Portal
    size = (tmp_path / "Data.fs").stat().st_size
    assert script.main([ini, "--dry-run"]) == 0
    assert (tmp_path / "Data.fs").stat().st_size == size


def test_step_3_adds_the_manage_back_office_to_an_old_database(registry):
    from ningxia_portal.accounts.sections import AccountsSection
    from ningxia_portal.catalogue.resources import CatalogueSection
    from ningxia_portal.core.evolve import step001, step003
    from ningxia_portal.core.manage import Manage
    from ningxia_portal.indexing.evolve import step002
    from ningxia_portal.indexing.sections import IndexingSection

    root = Portal()
    step001.evolve(root, registry)
    step002.evolve(root, registry)
    assert "manage" not in root  # a database from before accounts
    step003.evolve(root, registry)
    assert isinstance(root["manage"], Manage)
    assert isinstance(root["manage"]["accounts"], AccountsSection)
    assert isinstance(root["manage"]["catalogue"], CatalogueSection)
    assert isinstance(root["manage"]["indexing"], IndexingSection)
    assert root.docmap.get(root["manage"].__docid__) is root["manage"]  # catalogued
    step003.evolve(root, registry)  # idempotent
    assert len(root["manage"]) == len(manage_sections(registry))
