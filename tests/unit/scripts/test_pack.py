"""ningxia-portal-pack: on ZEO, while the portal serves and another client writes, old
revisions go and every current object stays; the embedded FileStorage in use is refused."""

import threading

import pytest
import transaction
import webtest
import ZEO
import ZODB
from persistent.mapping import PersistentMapping
from ZODB.FileStorage import FileStorage

from ningxia_portal import main as portal_main
from ningxia_portal.core.root import get_database
from ningxia_portal.scripts import pack
from tests.conftest import base_settings
from tests.functional.multiprocess.processes import ZeoServer


def write_ini(tmp_path, uri, days=None):
    ini = tmp_path / "portal.ini"
    extra = f"portal.pack_days = {days}\n" if days is not None else ""
    ini.write_text(f"[app:main]\nuse = egg:ningxia_portal\nzodbconn.uri = {uri}\n{extra}")
    return str(ini)


@pytest.mark.xdist_group("servers")  # starts a ZEO server (tests/conftest.py)
def test_pack_on_zeo_while_the_portal_serves(tmp_path, capsys):
    server = ZeoServer(tmp_path).start()  # a process of its own, as in production
    addr = ("127.0.0.1", server.port)
    uri = f"zeo://{addr[0]}:{addr[1]}?blob_dir={tmp_path / 'client-blobs'}&shared_blob_dir=false"
    wsgi_app = portal_main({}, **base_settings(**{"zodbconn.uri": uri}))
    portal = webtest.TestApp(wsgi_app)
    writer = ZODB.DB(ZEO.client(addr))
    try:
        with writer.transaction() as conn:
            conn.root()["log"] = PersistentMapping(n=0)
        for n in range(1, 200):  # many revisions of one object: what a pack removes
            with writer.transaction() as conn:
                conn.root()["log"]["n"] = n
        assert portal.get("/centers/").status_int == 200

        done = threading.Event()
        errors = []

        def keep_writing():
            n = 1000
            while not done.is_set():
                try:
                    with writer.transaction() as conn:
                        conn.root()["log"]["n"] = n
                    n += 1
                except Exception as exc:  # noqa: BLE001 - reported by the assertion below
                    errors.append(exc)
                    return

        thread = threading.Thread(target=keep_writing)
        thread.start()
        try:
            code = pack.main([write_ini(tmp_path, uri, days=0)])
            assert portal.get("/centers/").status_int == 200  # served while it packed
        finally:
            done.set()
            thread.join()
        out = capsys.readouterr().out
        assert code == 0 and "packed to 0 days ago" in out
        before, after = (
            int(x.replace(",", "")) for x in out.split("(")[1].split(" bytes")[0].split(" → ")
        )
        assert after < before
        assert errors == []
        with writer.transaction() as conn:
            assert conn.root()["log"]["n"] >= 1000
        assert portal.get("/").status_int == 200
    finally:
        writer.close()
        get_database(wsgi_app.registry).close()
        server.stop()


def test_the_embedded_filestorage_in_use_is_refused(tmp_path, capsys):
    data_fs = tmp_path / "Data.fs"
    serving = ZODB.DB(FileStorage(str(data_fs)))  # the running portal holds the lock
    try:
        code = pack.main([write_ini(tmp_path, f"file://{data_fs}"), "--days", "7"])
    finally:
        serving.close()
        transaction.abort()
    err = capsys.readouterr().err
    assert code == 1 and "in use by the running portal" in err and "ZEO" in err
