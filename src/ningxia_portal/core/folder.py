"""BTree-backed folders, after Substance D's: children in an OOBTree, a conflict-free count."""

from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from persistent import Persistent
from pyramid.threadlocal import get_current_registry

from ningxia_portal.core.events import ObjectAdded, ObjectRemoved


class Folder(Persistent):
    """A persistent container; only ``add`` and ``remove`` set ``__name__``/``__parent__``.

    Children live in an OOBTree so that a folder with a million children loads only the
    buckets it reads, and the count is a ``BTrees.Length`` so concurrent adds don't conflict.
    ``add`` and ``remove`` announce the change through the current registry: the catalog
    (``indexing``) listens, so a child is catalogued wherever it is added from — a request,
    a loader, an evolve step or the benchmark generator, each with the app's registry current.
    """

    __name__ = None
    __parent__ = None

    def __init__(self):
        self.data = OOBTree()
        self._num_objects = Length()

    def __getitem__(self, name):
        return self.data[name]

    def get(self, name, default=None):
        return self.data.get(name, default)

    def __contains__(self, name):
        return name in self.data

    def __len__(self):
        return self._num_objects()

    def __iter__(self):
        return iter(self.data.keys())

    def keys(self, min=None, max=None):  # noqa: A002 - mirrors the BTree API
        return self.data.keys(min, max)

    def values(self, min=None, max=None):  # noqa: A002
        return self.data.values(min, max)

    def items(self, min=None, max=None):  # noqa: A002
        return self.data.items(min, max)

    def check_name(self, name):
        """Refuse names that would break traversal or URL generation."""
        if not isinstance(name, str) or not name:
            raise ValueError("A name must be a non-empty string")
        if name.startswith(("@@", "_")) or "/" in name or name in (".", ".."):
            raise ValueError(f"Name not allowed: {name!r}")
        if name in self.data:
            raise KeyError(f"Name already in use: {name!r}")
        return name

    def add(self, name, obj, send_events=True, index=True):
        """Place ``obj`` here under ``name`` and announce it (the catalog indexes it and its
        subtree). ``index=False`` leaves the cataloguing to the caller (a submission queues
        its case); ``send_events=False`` announces nothing, so nothing catalogues it."""
        self.check_name(name)
        obj.__name__ = name
        obj.__parent__ = self
        self.data[name] = obj
        self._num_objects.change(1)
        if send_events:
            _notify(ObjectAdded(obj, self, name, index=index))
        return obj

    def remove(self, name, send_events=True):
        """Announce that the child leaves (the catalog unindexes it), take it out; return it."""
        obj = self.data[name]
        if send_events:
            _notify(ObjectRemoved(obj, self, name))
        del self.data[name]
        self._num_objects.change(-1)
        obj.__parent__ = None
        return obj


def _notify(event):
    registry = get_current_registry()
    if registry is not None:
        registry.notify(event)
