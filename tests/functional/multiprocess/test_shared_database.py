"""Two portal processes on one database (ZEO, then RelStorage on PostgreSQL): 8 writers
submit filings through both while a reader checks every acknowledged case on both."""

import pytest

from tests.functional.multiprocess.load import (
    Load,
    database_problems,
    listed_case_numbers,
    opened_root,
)

pytestmark = pytest.mark.multiprocess


def check_two_processes_one_database(apps, inspect_uri):
    load = Load([app.base for app in apps], writers=8, per_writer=3).run()
    assert load.errors == []  # every request ended in a 303, conflicts retried inside
    assert load.unanswered == 0
    assert len(load.acknowledged) == 24
    # Read by the other process as soon as acknowledged, files included.
    assert load.read_problems == []
    numbers = [ack.case_no for ack in load.acknowledged]
    assert len(set(numbers)) == len(numbers)
    with opened_root(inspect_uri) as root:
        assert database_problems(root, load.acknowledged) == []
        assert set(numbers) <= set(root["filings"])  # with the demo's cases
    # Each process's list (the catalog) finds every case.
    for app in apps:
        assert set(numbers) <= set(listed_case_numbers(app.base))


def test_two_processes_on_one_zeo_server(zeo_apps, zeo):
    check_two_processes_one_database(zeo_apps, zeo.client_uri("inspect", shared=False))


def test_two_processes_on_relstorage_postgresql(relstorage_apps, postgres, tmp_path):
    check_two_processes_one_database(relstorage_apps, postgres.client_uri(tmp_path, "inspect"))
