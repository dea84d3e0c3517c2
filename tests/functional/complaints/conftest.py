"""A portal on blob-capable storage (attachments) with the complaint tests' users."""

import pytest
import webtest

from ningxia_portal import main
from ningxia_portal.core.root import get_database
from tests.functional.complaints.support import clear_complaints, create_users


@pytest.fixture
def complaint_wsgi_app(blob_settings):
    app = main({}, **blob_settings)
    clear_complaints(app)
    create_users(app)
    yield app
    get_database(app.registry).close()


@pytest.fixture
def client(complaint_wsgi_app):
    """A new WebTest client per call (each with its own cookies)."""
    return lambda: webtest.TestApp(complaint_wsgi_app)
