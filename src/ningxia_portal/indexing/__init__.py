"""The catalog: hypatia indexes over the tree, filtered by the viewer's permission.

It listens to the core's events: what a folder adds is catalogued (its whole subtree), what
is about to leave is unindexed, what changed is reindexed. Domains register their indexes
with ``config.add_catalog_index``.
"""

from pyramid.events import ApplicationCreated

from ningxia_portal.core.events import ObjectAdded, ObjectModified, ObjectRemoved
from ningxia_portal.indexing.indexer import Indexer


def on_added(event):
    from ningxia_portal.indexing.catalog import index_tree

    if event.index:
        index_tree(event.object)


def on_removed(event):
    from ningxia_portal.indexing.catalog import unindex_tree

    unindex_tree(event.object)


def on_modified(event):
    from ningxia_portal.indexing.catalog import reindex

    reindex(event.object)


def includeme(config):
    from ningxia_portal.indexing.catalog import add_catalog_index
    from ningxia_portal.indexing.sections import IndexingSection

    config.add_directive("add_catalog_index", add_catalog_index)
    config.add_subscriber(on_added, ObjectAdded)
    config.add_subscriber(on_removed, ObjectRemoved)
    config.add_subscriber(on_modified, ObjectModified)
    # Step 2 (the catalog), 10 (postings per word), 14 (the index queue), 18 (the queue's
    # inbox, backlog and set-aside documents; /manage/indexing/).
    config.add_evolve_steps("ningxia_portal.indexing.evolve")
    # /manage/indexing/: what waits to be catalogued and what was set aside (admins).
    config.add_manage_section("indexing", IndexingSection)
    # Not reified: the policy answers for the viewer's audience while a page is rendered
    # to be kept for many (its own answer is computed once per request).
    config.add_request_method(
        "ningxia_portal.indexing.query.principals_of", "effective_principals", property=True
    )
    # One indexer at a time per process catalogues what requests queued (indexing/queue.py).
    indexer = config.registry.indexer = Indexer(config.registry)
    write_lock = getattr(config.registry, "write_lock", None)  # web/writers.py
    if write_lock is not None:  # waiting requests look again when the last writer is done
        write_lock.when_idle(indexer.wake)

    def on_created(event):  # after the bootstrap: catalogue what a stopped process left queued
        from ningxia_portal.core.root import get_database

        registry = event.app.registry
        registry.indexer.drain(get_database(registry), everything=True)

    config.add_subscriber(on_created, ApplicationCreated)
