"""Search fields as a catalog index: docid -> the folded texts a list's keyword matches.

The request lists (appointments, consultations, complaints) are searched by any part of a
few fields — a name, a subject, a department — after NFKC and case folding, within the
viewer's own list. A text index would write a posting per two characters of every
submission, a FieldIndex a persistent set per distinct subject. ``FieldsIndex`` keeps one
flat tree of docid -> (field, field, …), already folded, and is read for the members of
the viewer's list only, without loading a single document.
"""

import unicodedata
from functools import lru_cache

from ningxia_portal.core.trees import SmallNodeIOBTree
from ningxia_portal.indexing.lists import _Index
from ningxia_portal.indexing.query import search_chunks


@lru_cache(maxsize=50_000)  # names and titles repeat
def folded(text):
    """``text`` as the search compares it: NFKC (full-width ``Ａ`` is ``a``), case-folded."""
    return unicodedata.normalize("NFKC", text or "").casefold()


class FieldsIndex(_Index):
    """docid -> a tuple of folded strings (``discriminator(obj, default)`` gives the raw
    ones); takes part in the catalog like hypatia's indexes."""

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
        the same order as the fields), as a set: one search box per field."""
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

    def containing(self, docids, typed):
        """The docids of ``docids`` (in their order) whose fields together hold every chunk
        of ``typed`` (one keyword box over all the fields); none when nothing typed is
        searchable."""
        chunks = [folded(chunk) for chunk in search_chunks(typed)]
        if not chunks:
            return []
        get = self._fields.get
        found = []
        for docid in docids:
            fields = get(docid)
            if fields is not None:
                text = "\n".join(fields)
                if all(chunk in text for chunk in chunks):
                    found.append(docid)
        return found
