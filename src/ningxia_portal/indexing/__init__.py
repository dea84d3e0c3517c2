"""The catalog: hypatia indexes over the tree, filtered by the viewer's permission."""

from pyramid.events import ApplicationCreated

from ningxia_portal.core.events import ObjectModified
from ningxia_portal.indexing.queue import Indexer


def includeme(config):
    def on_modified(event):
        from ningxia_portal.indexing.catalog import reindex

        reindex(event.object)

    config.add_subscriber(on_modified, ObjectModified)
    config.add_request_method(
        "ningxia_portal.indexing.query.principals_of", "effective_principals", reify=True
    )
    # One indexer at a time per process catalogues what requests queued (indexing/queue.py).
    indexer = config.registry.indexer = Indexer()
    write_lock = getattr(config.registry, "write_lock", None)  # web/writers.py
    if write_lock is not None:  # waiting requests look again when the last writer is done
        write_lock.when_idle(indexer.wake)

    def on_created(event):  # after the bootstrap: catalogue what a stopped process left queued
        from ningxia_portal.core.root import get_database

        registry = event.app.registry
        registry.indexer.drain(get_database(registry))

    config.add_subscriber(on_created, ApplicationCreated)
