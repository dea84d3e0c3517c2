"""What every console script does first: read the ini, open the storage, without the app.

Scripts (evolve, admin, the benchmark generator) work on the database directly, so that a
production database can be migrated or seeded before the web application serves it.
"""

from contextlib import contextmanager

import zodburi
from pyramid.paster import get_appsettings, setup_logging
from pyramid.registry import Registry
from ZODB import DB

from ningxia_portal.settings import load_settings


def ini_settings(config_uri):
    """The ini's logging set up and its app settings, parsed as the app parses them."""
    setup_logging(config_uri)
    return load_settings(get_appsettings(config_uri))


def open_database(settings):
    """The DB that the settings' ``zodbconn.uri`` names."""
    storage_factory, dbkw = zodburi.resolve_uri(settings["zodbconn.uri"])
    return DB(storage_factory(), **dbkw)


@contextmanager
def ini_database(config_uri, name):
    """``(registry, db)`` for a script called ``name``; the database is closed afterwards."""
    settings = ini_settings(config_uri)
    registry = Registry(name)
    registry.settings = settings
    db = open_database(settings)
    try:
        yield registry, db
    finally:
        db.close()
