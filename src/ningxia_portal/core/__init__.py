"""The lowest layer: the ZODB connection, the Portal root, folders, events, the clock, the
evolve runner, and the directives through which the layers above register with it."""

import pyramid_zodbconn
from pyramid.events import ApplicationCreated

from ningxia_portal.core.database import db_from_uri


def includeme(config):
    # pyramid_zodbconn's includeme, with a database whose connections go back to the pool
    # when the storage is away as they open (core/database.py).
    pyramid_zodbconn.includeme(config, db_from_uri=db_from_uri)
    config.include("ningxia_portal.core.directives")
    config.set_root_factory("ningxia_portal.core.root.root_factory")
    # Step 1 (the domains' top-level containers) and step 3 (/manage/ and its sections).
    config.add_evolve_steps("ningxia_portal.core.evolve")

    def on_created(event):
        from ningxia_portal.core.bootstrap import bootstrap

        bootstrap(event.app.registry)

    config.add_subscriber(on_created, ApplicationCreated)
