"""A portal on blob-capable storage with a frozen clock (Monday 2026-03-02 09:00) and users."""

import pytest
import webtest

from ningxia_portal import main
from ningxia_portal.core.clock import get_clock
from ningxia_portal.core.root import get_database
from tests.functional.filings.support import clear_filings, create_users


@pytest.fixture
def filing_settings(blob_settings):
    return {**blob_settings, "portal.clock": "ningxia_portal.core.clock.FrozenClock"}


@pytest.fixture
def filing_wsgi_app(filing_settings):
    app = main({}, **filing_settings)
    clear_filings(app)
    create_users(app)
    yield app
    get_database(app.registry).close()


@pytest.fixture
def clock(filing_wsgi_app):
    return get_clock(filing_wsgi_app.registry)


@pytest.fixture
def client(filing_wsgi_app):
    """Return a new WebTest client per call: ``client()`` (each with its own cookies)."""
    return lambda: webtest.TestApp(filing_wsgi_app)
