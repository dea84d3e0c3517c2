"""Start-up: make sure the database holds an up-to-date Portal (and demo data if asked)."""

import logging

import transaction
from pyramid.exceptions import ConfigurationError

from ningxia_portal.core import evolve
from ningxia_portal.core.directives import demo_loaders
from ningxia_portal.core.root import APP_ROOT_KEY, Portal, get_database

log = logging.getLogger(__name__)


def bootstrap(registry):
    """Create or evolve the root; load the demo data once when ``portal.demo`` is on."""
    settings = registry.settings
    db = get_database(registry)
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    try:
        with tm:
            zodb_root = conn.root()
            if APP_ROOT_KEY not in zodb_root:
                zodb_root[APP_ROOT_KEY] = Portal()
                log.info("created a new Portal root")
        root = conn.root()[APP_ROOT_KEY]
        todo = evolve.pending(root, registry)
        if todo and root.schema_version and not settings["portal.evolve_on_start"]:
            raise ConfigurationError(
                f"The database is at evolve step {root.schema_version}, this code needs "
                f"{evolve.latest_version(registry)}: run `ningxia-portal-evolve <ini>` first."
            )
        for number, fn in todo:
            with tm:
                fn(root, registry)
                root.schema_version = number
                tm.get().note(f"ningxia-portal evolve step {number}")
        if settings["portal.demo"] and not root.demo_loaded:
            with tm:
                load_demo(root, registry)
                root.demo_loaded = True
                tm.get().note("ningxia-portal demo data")
            log.info("demo data loaded")
    finally:
        conn.close()


def load_demo(root, registry):
    """Every package's demo data (development.ini only), in the order they asked for."""
    for loader in demo_loaders(registry):
        loader.load(root, registry)
