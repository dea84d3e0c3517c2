"""``/manage/indexing/``: the catalog's queue in the back office (admins only).

It holds no data: the queue is ``root.index_queue`` (indexing/queue.py). The page (in the web
layer) lists the documents set aside after failing to be catalogued, with their errors, how
many documents wait, and re-queues them. Pickled by class: keep ``IndexingSection``
importable under this name.
"""

from persistent import Persistent
from pyramid.authorization import ALL_PERMISSIONS, DENY_ALL, Allow

from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import ADMIN


class IndexingSection(Persistent):
    """The admins' view of deferred cataloguing."""

    __name__ = None
    __parent__ = None
    title = _("Index queue")
    __acl__ = [(Allow, ADMIN, ALL_PERMISSIONS), DENY_ALL]

    @property
    def root(self):
        return self.__parent__.__parent__

    @property
    def queue(self):
        """The root's queue (None on a database before evolve step 14)."""
        return getattr(self.root, "index_queue", None)
