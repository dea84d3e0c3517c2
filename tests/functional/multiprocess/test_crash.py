"""SIGKILL in the middle of a write load (FileStorage, then a ZEO client): after a restart,
every filing that got its 303 is there with its files and in the catalog, and nothing
half-written is visible."""

import pytest

from tests.functional.filings.live import LiveClient
from tests.functional.multiprocess.load import (
    ENTERPRISE,
    ITEM,
    Load,
    apply_fields,
    case_problems,
    database_problems,
    listed_case_numbers,
    opened_root,
)
from tests.functional.multiprocess.processes import AppProcess

pytestmark = pytest.mark.multiprocess


def kill_under_load(app):
    """8 writers on ``app``; SIGKILL once 6 filings are acknowledged (the others are in
    flight), then start it again on the same storage. Returns the load."""

    def kill_midway(load):
        load.wait_for(6)
        app.kill()
        load.stop.set()

    load = Load([app.base], writers=8, per_writer=20, read=False).run(kill_midway)
    assert load.errors == []
    assert len(load.acknowledged) >= 6
    assert load.unanswered >= 1  # requests were cut off by the kill
    app.start()
    return load


def check_after_restart(app, load):
    client = LiveClient(app.base).login(ENTERPRISE)
    problems = [p for ack in load.acknowledged for p in case_problems(client, ack)]
    assert problems == []
    listed = listed_case_numbers(app.base)
    assert {ack.case_no for ack in load.acknowledged} <= set(listed)
    # One more submission: its group commit catalogues whatever a killed one left queued.
    fields, _ = apply_fields(client, "after")
    assert client.post(ITEM + "apply", fields).status == 303


def check_database(uri, load):
    with opened_root(uri) as root:
        assert database_problems(root, load.acknowledged) == []
        assert root.index_queue.pending == ()


def test_sigkill_during_writes_on_filestorage(tmp_path, processes):
    uri = f"file://{tmp_path}/Data.fs?blobstorage_dir={tmp_path}/blobs"
    app = processes(AppProcess(tmp_path, "app", uri))
    load = kill_under_load(app)
    check_after_restart(app, load)
    app.stop()  # FileStorage: one process at a time
    check_database(uri, load)


def test_sigkill_during_writes_on_a_zeo_client(tmp_path, zeo, processes):
    app = processes(AppProcess(tmp_path, "app", zeo.client_uri("app", shared=True)))
    load = kill_under_load(app)
    check_after_restart(app, load)
    check_database(zeo.client_uri("inspect", shared=False), load)
