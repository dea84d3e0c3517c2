"""The storage domain: ZODB connection, the Portal root, folders, evolve steps."""

from pyramid.events import ApplicationCreated


def includeme(config):
    config.include("pyramid_zodbconn")
    config.set_root_factory("ningxia_portal.core.root.root_factory")

    def on_created(event):
        from ningxia_portal.core.bootstrap import bootstrap

        bootstrap(event.app.registry)

    config.add_subscriber(on_created, ApplicationCreated)
