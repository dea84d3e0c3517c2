"""Console scripts: the ini's application configured without a server.

Scripts (evolve, admin, the benchmark generator) work on the database directly, so that a
production database can be migrated or seeded before the web application serves it. They
configure the application exactly as ``main()`` does (``ningxia_portal.configure``), so the
evolve steps, top-level containers, catalog subscribers and demo loaders are the app's own,
and make its registry current while they write.
"""

from contextlib import contextmanager

import transaction
from pyramid.paster import get_appsettings, setup_logging

from ningxia_portal import configure
from ningxia_portal.core.root import get_database


def ini_settings(config_uri):
    """The ini's logging set up and its raw app settings."""
    setup_logging(config_uri)
    return get_appsettings(config_uri)


# Settings of the web app alone (the debug toolbar, the bench's ceiling view): not for scripts.
_WEB_ONLY_KEYS = ("pyramid.includes",)


@contextmanager
def configured(settings, includes=()):
    """``(registry, db)`` of the application configured from ``settings`` (plus
    ``includes``), its registry current; the database (opened by the configuration) is
    closed afterwards."""
    config = configure({k: v for k, v in settings.items() if k not in _WEB_ONLY_KEYS})
    for name in includes:
        config.include(name)
    config.commit()
    config.begin()
    db = get_database(config.registry)
    try:
        yield config.registry, db
    finally:
        config.end()
        db.close()


@contextmanager
def ini_app(config_uri):
    """``(registry, zodb root)`` of the application configured from an ini file, on a
    connection of the thread's transaction manager: the script commits what it means to
    keep; whatever it left uncommitted is aborted, and the storage closed, at the end."""
    with configured(ini_settings(config_uri)) as (registry, db):
        conn = db.open()
        try:
            yield registry, conn.root()
        finally:
            transaction.abort()
            conn.close()
