"""The README's backup of RelStorage on PostgreSQL, run as written: a filing with its files
written through the portal, ``pg_dump`` of the database, a new database restored from the
dump with ``pg_restore``, and a portal on the restored database that shows the case, serves
its files' bytes and finds it in its catalog."""

import re
import shlex
from pathlib import Path
from urllib.parse import unquote

import pytest
import webtest
from hypatia.query import Eq
from webtest import Upload

from ningxia_portal import main
from ningxia_portal.core.root import get_database
from tests.conftest import DEMO_CENTERS, RootAccess, base_settings, login
from tests.functional.filings.support import ITEM_COMPLETE, fill_apply
from tests.functional.multiprocess.load import pdf

README = Path(__file__).resolve().parents[2] / "README.md"
BACKUP_FOLDER = "/srv/backups/"
JSON = {"Accept": "application/json"}


def readme_backup_commands():
    """The shell lines of the README's RelStorage backup block: (dump, createdb, restore)."""
    text = README.read_text()
    section = text[text.index("**RelStorage on PostgreSQL** is backed up") :]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    lines = [line.strip() for line in block.splitlines() if line.strip()]
    assert [line.split()[0] for line in lines] == ["pg_dump", "createdb", "pg_restore"], lines
    return lines


def as_run_here(line, folder, dump=None):
    """The README's line with its backup folder replaced by ``folder`` and, in the restore,
    its example dump file name by the dump this test made."""
    line = line.replace(BACKUP_FOLDER, f"{folder}/")
    if dump is not None:
        written = next(word for word in shlex.split(line) if word.endswith(".dump"))
        line = line.replace(written, str(dump))
    return line


def app_on(postgres, folder, name, dbname, **settings):
    uri = postgres.client_uri(folder, name, dbname=dbname)
    return main({}, **base_settings(**{"zodbconn.uri": uri, **settings}))


def file_filing(client):
    """File an application with a distinct PDF for every material; (case number, files)."""
    form = client.get(ITEM_COMPLETE + "apply").forms["apply"]
    files = {f"材料{i + 1}.pdf": pdf(f"backup-{i}") for i in range(len(form.fields["upload"]))}
    uploads = dict(enumerate(Upload(name, data, "application/pdf") for name, data in files.items()))
    fill_apply(form, uploads, description="备份恢复测试：食品经营许可新办申请。")
    filed = form.submit("submit", status=303)
    return filed.location.rstrip("/").rsplit("/", 1)[1], files


def downloaded_files(client, case_no):
    """{file name: bytes} of every file the case page links to, downloaded through it."""
    page = client.get(f"/filings/{case_no}/")
    links = [a["href"] for a in page.html.select("a[href*='/file/']")]
    return {unquote(href.rsplit("/", 1)[1]): client.get(href).body for href in links}


@pytest.fixture
def closing():
    """``closing(wsgi_app)``: its database is closed at the end of the test."""
    apps = []
    yield lambda wsgi_app: apps.append(wsgi_app) or wsgi_app
    for wsgi_app in apps:
        get_database(wsgi_app.registry).close()


def test_pg_dump_and_pg_restore_as_the_readme_says(postgres, tmp_path, closing):
    demo = {"portal.demo": "true", "portal.demo_centers": DEMO_CENTERS}
    original = closing(app_on(postgres, tmp_path, "original", "portal", **demo))
    client = webtest.TestApp(original)
    login(client, "enterprise", "enterprise1234")
    case_no, files = file_filing(client)
    assert downloaded_files(client, case_no) == files

    backups = postgres.folder / "backups"
    postgres.shell(f"mkdir {backups}")
    dump_line, createdb_line, restore_line = readme_backup_commands()
    postgres.shell(as_run_here(dump_line, backups))  # while the portal serves
    (dump,) = backups.glob("portal-*.dump")
    postgres.shell(createdb_line)
    postgres.shell(as_run_here(restore_line, backups, dump=dump))

    # A portal on the restored database, with a blob cache of its own: every byte it
    # serves comes from the restored database. No demo data: only what was restored.
    restored = closing(app_on(postgres, tmp_path, "restored", "portal_restored"))
    reader = webtest.TestApp(restored)
    login(reader, "enterprise", "enterprise1234")
    page = reader.get(f"/filings/{case_no}/")
    assert case_no in page.text and "备份恢复测试：食品经营许可新办申请。" in page.text
    assert downloaded_files(reader, case_no) == files
    listed = reader.get("/filings/", headers=JSON).json["filings"]
    assert case_no in [filing["case_no"] for filing in listed]
    with RootAccess(restored) as root:
        catalog = root.catalog
        found = Eq(catalog["content_type"], "Filing").execute(resolver=root.docmap.get)
        assert case_no in [filing.case_no for filing in found]
