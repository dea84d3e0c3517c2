"""THE catalog hook of the generator: it fires the app's own events into the app's subscribers.

Objects are added with ``Folder.add()``, which notifies ``ObjectAdded`` to the *current*
Pyramid registry, exactly as in a request. The generator makes current a registry built from
``INDEXING_INCLUDES``, so whatever subscribes to ``ObjectAdded`` there (the hypatia catalog)
indexes every generated object, with the same code path as the web app.

The hypatia catalog itself needs nothing here: ``Folder.add()`` indexes every object it places
(``ningxia_portal.indexing.catalog.index_tree``) once the root has a catalog, which evolve
step 2 installs. Add a package here only for other ``ObjectAdded`` subscribers the generated
data must pass through; its ``includeme`` must not need an open database or a request.
"""

from contextlib import contextmanager

from pyramid.config import Configurator

INDEXING_INCLUDES: tuple[str, ...] = ()

# Keys of the ini that would wire the web app (toolbar, the bench ceiling view): not wanted here.
_APP_ONLY_KEYS = ("pyramid.includes",)


@contextmanager
def indexing_registry(settings, includes=INDEXING_INCLUDES):
    """Make a registry with the indexing subscribers current while the generator writes."""
    settings = {k: v for k, v in settings.items() if k not in _APP_ONLY_KEYS}
    config = Configurator(settings=settings)
    for name in includes:
        config.include(name)
    config.commit()
    config.begin()
    try:
        yield config.registry
    finally:
        config.end()
