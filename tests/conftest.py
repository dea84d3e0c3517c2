"""Shared fixtures: the real app (the same ``main()``) on a fresh in-memory database."""

import pytest
import transaction
import webtest

from ningxia_portal import main
from ningxia_portal.core.root import APP_ROOT_KEY, get_database

# The centers the demo fixture loads: the region, a city and one of its districts keep
# every test fast while still covering all three levels.
DEMO_CENTERS = "640000 640100 640104"


def base_settings(**overrides):
    settings = {
        "zodbconn.uri": "memory://",
        "portal.secret": "test-secret-not-for-production",
        "portal.demo": "false",
        "pyramid.default_locale_name": "zh_CN",
        "retry.attempts": "3",
    }
    settings.update(overrides)
    return settings


@pytest.fixture
def settings():
    return base_settings()


@pytest.fixture
def wsgi_app(settings):
    return main({}, **settings)


@pytest.fixture
def app(wsgi_app):
    """A WebTest client on an empty portal (top-level containers only)."""
    return webtest.TestApp(wsgi_app)


@pytest.fixture
def demo_settings():
    return base_settings(**{"portal.demo": "true", "portal.demo_centers": DEMO_CENTERS})


@pytest.fixture
def demo_wsgi_app(demo_settings):
    return main({}, **demo_settings)


@pytest.fixture
def demo_app(demo_wsgi_app):
    """A WebTest client on a portal with the demo data of DEMO_CENTERS."""
    return webtest.TestApp(demo_wsgi_app)


@pytest.fixture
def blob_settings(tmp_path):
    """Demo settings on a FileStorage with a blob directory (memory:// can't hold blobs)."""
    uri = f"file://{tmp_path}/Data.fs?blobstorage_dir={tmp_path}/blobs"
    return base_settings(
        **{"zodbconn.uri": uri, "portal.demo": "true", "portal.demo_centers": DEMO_CENTERS}
    )


@pytest.fixture
def blob_wsgi_app(blob_settings):
    app = main({}, **blob_settings)
    yield app
    get_database(app.registry).close()


@pytest.fixture
def blob_app(blob_wsgi_app):
    """A WebTest client on demo data whose storage supports blobs (uploads, attachments)."""
    return webtest.TestApp(blob_wsgi_app)


class RootAccess:
    """Open the app's database outside a request, to assert what it holds."""

    def __init__(self, wsgi_app):
        self.db = get_database(wsgi_app.registry)

    def __enter__(self):
        self.tm = transaction.TransactionManager()
        self.conn = self.db.open(transaction_manager=self.tm)
        return self.conn.root()[APP_ROOT_KEY]

    def __exit__(self, *exc):
        self.tm.abort()
        self.conn.close()


@pytest.fixture
def open_root():
    return RootAccess
