"""Fixtures of the functional tests that need a database server of their own."""

import importlib.util

import pytest

from tests.functional.multiprocess.processes import PostgresCluster, postgres_bin


@pytest.fixture
def postgres():
    """A PostgreSQL cluster of this test's own (``initdb``, ``pg_ctl``) on a free port, with
    the database ``portal``; stopped and removed at the end, also when the test fails.
    Skipped, with the reason, where PostgreSQL's programs or RelStorage are missing."""
    bindir = postgres_bin()
    if bindir is None:
        pytest.skip("no PostgreSQL programs (initdb, pg_ctl, pg_dump …) on this machine")
    if importlib.util.find_spec("relstorage") is None:
        pytest.skip("RelStorage is not installed (pip install -e '.[relstorage]')")
    cluster = PostgresCluster(bindir)
    try:
        yield cluster.start()
    finally:
        cluster.stop()
