"""The catalog: hypatia indexes over the tree, filtered by the viewer's permission."""

from ningxia_portal.core.events import ObjectModified


def includeme(config):
    def on_modified(event):
        from ningxia_portal.indexing.catalog import reindex

        reindex(event.object)

    config.add_subscriber(on_modified, ObjectModified)
    config.add_request_method(
        "ningxia_portal.indexing.query.principals_of", "effective_principals", reify=True
    )
