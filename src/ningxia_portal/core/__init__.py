"""The lowest layer: the ZODB connection, the Portal root, folders, events, the clock, the
evolve runner, and the directives through which the layers above register with it."""

from pyramid.events import ApplicationCreated


def includeme(config):
    config.include("pyramid_zodbconn")
    config.include("ningxia_portal.core.directives")
    config.set_root_factory("ningxia_portal.core.root.root_factory")
    # Step 1 (the domains' top-level containers) and step 3 (/manage/ and its sections).
    config.add_evolve_steps("ningxia_portal.core.evolve")

    def on_created(event):
        from ningxia_portal.core.bootstrap import bootstrap

        bootstrap(event.app.registry)

    config.add_subscriber(on_created, ApplicationCreated)
