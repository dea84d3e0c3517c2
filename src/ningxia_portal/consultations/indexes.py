"""The consultations' search fields as a catalog index: docid -> the folded texts.

The list's search (咨询人, 咨询主题, 咨询部门) matches any part of each field, after NFKC
and case folding, within the viewer's own list. A text index would write a posting per
two characters of every question; a FieldIndex a persistent set per distinct subject.
This keeps one flat tree of docid -> (asker, subject, department), read for the members of
the viewer's list only, without loading a single consultation.
"""

import unicodedata
from functools import lru_cache

from persistent import Persistent

from ningxia_portal.core.trees import SmallNodeIOBTree


@lru_cache(maxsize=50_000)
def folded(text):
    """``text`` as the search compares it: NFKC (full-width ``Ａ`` is ``a``), case-folded."""
    return unicodedata.normalize("NFKC", text or "").casefold()


class FieldsIndex(Persistent):
    """docid -> a tuple of folded strings (``discriminator(obj, default)`` gives the raw
    ones); takes part in the catalog like hypatia's indexes."""

    __name__ = None
    __parent__ = None

    def __init__(self, discriminator):
        self.discriminator = discriminator
        self.reset()

    def reset(self):
        self._fields = SmallNodeIOBTree()

    def index_doc(self, docid, obj):
        found = self.discriminator(obj, None)
        value = tuple(folded(f) for f in found) if found else None
        if value is None:
            self.unindex_doc(docid)
        elif self._fields.get(docid) != value:
            self._fields[docid] = value

    reindex_doc = index_doc

    def unindex_doc(self, docid):
        self._fields.pop(docid, None)

    def matching(self, docids, wanted):
        """The docids of ``docids`` whose fields hold each non-empty ``wanted`` part (in
        the same order as the fields), as a set."""
        wanted = [folded(w) if w else "" for w in wanted]
        get = self._fields.get
        found = set()
        for docid in docids:
            fields = get(docid)
            if fields is not None and all(
                w in f for w, f in zip(wanted, fields, strict=False) if w
            ):
                found.add(docid)
        return found
