"""Fixtures of the multi-process tests (``pytest -m multiprocess``): a ZEO server and portal
processes on it or on RelStorage (the ``postgres`` cluster is tests/functional/conftest.py's),
all stopped at the end."""

import pytest

from tests.functional.multiprocess.processes import AppProcess, ZeoServer


@pytest.fixture
def processes():
    """``start(process)`` starts it and has it stopped when the test ends (or fails)."""
    started = []

    def start(process):
        started.append(process)
        return process.start()

    yield start
    for process in reversed(started):
        process.stop()


@pytest.fixture
def zeo(tmp_path, processes):
    return processes(ZeoServer(tmp_path))


def two_apps(tmp_path, processes, uri_a, uri_b):
    """Two portal processes on one database: the first creates it (demo data), then the
    second starts on what the first made."""
    first = processes(AppProcess(tmp_path, "app-a", uri_a))
    second = processes(AppProcess(tmp_path, "app-b", uri_b))
    return first, second


@pytest.fixture
def zeo_apps(tmp_path, zeo, processes):
    """Two processes on the ZEO server: one sharing its blob directory (same machine),
    one with a blob cache of its own (as on another machine)."""
    return two_apps(
        tmp_path, processes, zeo.client_uri("a", shared=True), zeo.client_uri("b", shared=False)
    )


@pytest.fixture
def relstorage_apps(tmp_path, postgres, processes):
    """Two processes on RelStorage (PostgreSQL), each with its own blob cache."""
    return two_apps(
        tmp_path, processes, postgres.client_uri(tmp_path, "a"), postgres.client_uri(tmp_path, "b")
    )
