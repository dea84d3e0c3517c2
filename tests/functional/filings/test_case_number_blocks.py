"""Several processes on one database (``portal.case_number_block`` > 1): each reserves a
block of a day's case numbers in a transaction of its own, so a submission never conflicts
with another process's on the day's counter; numbers stay unique."""

import pytest
from pyramid_retry import IBeforeRetry

from ningxia_portal.filings import services
from ningxia_portal.filings.numbers import NumberBlocks, case_numbers
from tests.conftest import committing
from tests.functional.filings.support import submit_filing

DAY = "640100-20260302"


@pytest.fixture
def filing_settings(blob_settings):
    return {
        **blob_settings,
        "portal.clock": "ningxia_portal.core.clock.FrozenClock",
        "portal.case_number_block": "5",
    }


def other_process_takes(wsgi_app, count):
    """Another process on the same database: blocks of its own, reserved through its own
    connection (the numbers it hands out)."""
    other = NumberBlocks(5)
    with committing(wsgi_app) as root:
        return [other(root["filings"], DAY) for _ in range(count)]


def test_a_process_numbers_its_cases_from_its_block(client, filing_wsgi_app, open_root):
    assert isinstance(case_numbers(filing_wsgi_app.registry), NumberBlocks)
    _, first = submit_filing(client)
    _, second = submit_filing(client)
    assert (first, second) == (f"/filings/{DAY}-000001/", f"/filings/{DAY}-000002/")
    with open_root(filing_wsgi_app) as root:
        # The block of five is reserved; the cases took two of it.
        assert root["filings"].sequences[DAY].value == 5
        assert sorted(root["filings"]) == [f"{DAY}-000001", f"{DAY}-000002"]


def test_another_process_reserving_meanwhile_replays_nothing(
    client, filing_wsgi_app, open_root, monkeypatch
):
    replays = []
    filing_wsgi_app.registry.registerHandler(lambda e: replays.append(1), (IBeforeRetry,))
    submit_filing(client)  # this process holds 1-5 now
    theirs = []
    set_deadline = services.set_deadline

    def meanwhile(request, filing, day):
        if not theirs:  # the other process reserves 6-10 while this submission runs
            theirs.extend(other_process_takes(filing_wsgi_app, 1))
        return set_deadline(request, filing, day)

    monkeypatch.setattr(services, "set_deadline", meanwhile)
    _, url = submit_filing(client)
    assert replays == []  # the day's counter isn't in the submission's transaction
    assert theirs == [6]
    assert url == f"/filings/{DAY}-000002/"
    for _ in range(3):  # 3, 4, 5: the rest of this process's block
        submit_filing(client)
    _, url = submit_filing(client)
    assert url == f"/filings/{DAY}-000011/"  # the next block begins after theirs
    with open_root(filing_wsgi_app) as root:
        assert root["filings"].sequences[DAY].value == 15
        names = sorted(root["filings"])
    assert names == [f"{DAY}-{n:06d}" for n in (1, 2, 3, 4, 5, 11)]
