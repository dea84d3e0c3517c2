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


# The generator's own range of docids. The app's DocMap hands out random docids from 1 to
# 2**31 - 1 (so concurrent web adds don't fight over a counter); spread over a million
# filings, every batch would touch nearly every bucket of every index, and FileStorage
# appends a fresh copy of each at every commit (~30 KB of Data.fs per filing). Increasing
# docids make each batch touch only the ends of the docid-keyed trees. A web add later
# still draws a random docid and skips any taken one, so both kinds mix safely.
GENERATED_DOCIDS = (2**30, 2**31 - 1)


class DocidRange:
    """Increasing docids from ``GENERATED_DOCIDS``: from the first free one of the range.

    The generator fills the range from its start, so what it wrote before is one run of
    taken docids from ``low``, and a rerun continues after it. (Not after the highest docid
    in the range: random docids of the items and accounts land anywhere in it, some near
    its top.) Random docids inside the run were skipped, and are skipped again here.
    """

    def __init__(self, docmap, low=GENERATED_DOCIDS[0], high=GENERATED_DOCIDS[1]):
        self.docmap = docmap
        self.high = high
        self.last = low - 1
        for key in docmap.objects.keys(low, high - 1):
            if key != self.last + 1:
                break
            self.last = key

    def place(self, obj):
        """Map ``obj`` to the next free docid of the range; the catalog indexes it under that
        docid when its folder adds it (``index_tree`` keeps a docid already mapped to it)."""
        docid = self.last + 1
        while docid in self.docmap.objects:  # a random docid of a web add, now and then
            docid += 1
        if docid >= self.high:
            raise RuntimeError("the generator's docid range is exhausted")
        self.last = docid
        return self.docmap.add(obj, docid=docid)
