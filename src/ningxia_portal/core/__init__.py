"""The lowest layer: the ZODB connection, the Portal root, folders, events, the clock, the
evolve runner, and the directives through which the layers above register with it."""

import pyramid_zodbconn
from pyramid.events import ApplicationCreated

from ningxia_portal.core.database import db_from_uri


def includeme(config):
    # pyramid_zodbconn's includeme, with a database whose connections go back to the pool
    # when the storage is away as they open (core/database.py).
    pyramid_zodbconn.includeme(config, db_from_uri=db_from_uri)
    for db in config.registry._zodb_databases.values():
        # pyramid_zodbconn also gives each database ZODB's ActivityMonitor, which appends a
        # (time, loads, stores) tuple at every connection close and keeps an hour of them.
        # Nothing here reads it, and at 2,800 requests a second it held most of the
        # benchmark server's growing memory (~100 bytes a request: 10 million an hour).
        db.setActivityMonitor(None)
    config.include("ningxia_portal.core.directives")
    config.set_root_factory("ningxia_portal.core.root.root_factory")
    # Step 1 (the domains' top-level containers) and step 3 (/manage/ and its sections).
    config.add_evolve_steps("ningxia_portal.core.evolve")

    def on_created(event):
        from ningxia_portal.core.bootstrap import bootstrap

        bootstrap(event.app.registry)

    config.add_subscriber(on_created, ApplicationCreated)
