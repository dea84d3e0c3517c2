"""The generator's docids: increasing, from a range of its own, in shuffled blocks.

Objects are added with ``Folder.add()`` with the application's registry current (the
generator configures it as ``main()`` does, ``ningxia_portal.scripts.configured``), so the
catalog's subscribers index every generated object with the same code path as the web app.
"""

import random

# The generator's own range of docids. The app's DocMap hands out random docids from 1 to
# 2**31 - 1 (so concurrent web adds don't fight over a counter); spread over a million
# filings, every batch would touch nearly every bucket of every index, and FileStorage
# appends a fresh copy of each at every commit (~30 KB of Data.fs per filing). Docids from
# the start of a range of its own make each batch touch only the ends of the docid-keyed
# trees. A web add later still draws a random docid and skips any taken one, so both kinds
# mix safely.
GENERATED_DOCIDS = (2**30, 2**31 - 1)
# Docids are handed out in blocks of this many, shuffled within each block. In plain
# increasing order every bucket of a docid-keyed tree would be split once and stay half
# full (30 of 60 entries), where the app's random docids leave buckets ~70% full (43 of
# 60): such a dataset would hold ~40% more buckets (objects, Data.fs, memory, loads per
# page) than the app's own. Random order inside a block gives the app's fill, and a block
# stays well inside one batch (~6,000 cases), so batches still touch only the ends.
DOCID_BLOCK = 2048


class DocidRange:
    """Docids from ``GENERATED_DOCIDS``: from the first free one of the range, in blocks of
    ``block`` shuffled by ``rng``.

    The generator fills the range from its start, so what it wrote before is one run of
    taken docids from ``low`` (with a few holes in its last block when a run stopped
    inside one), and a rerun continues from the first free docid. (Not after the highest
    docid in the range: random docids of the items and accounts land anywhere in it, some
    near its top.) Taken docids, random ones of web adds included, are skipped.
    """

    def __init__(
        self, docmap, rng=None, block=DOCID_BLOCK, low=GENERATED_DOCIDS[0], high=GENERATED_DOCIDS[1]
    ):
        self.docmap = docmap
        self.rng = rng or random.Random(0)
        self.block = block
        self.high = high
        self.next = low  # where the next block starts looking for free docids
        for key in docmap.objects.keys(low, high - 1):
            if key != self.next:
                break
            self.next = key + 1
        self._pending = []

    def _fill(self):
        objects, docid, found = self.docmap.objects, self.next, []
        while len(found) < self.block and docid < self.high:
            if docid not in objects:
                found.append(docid)
            docid += 1
        if not found:
            raise RuntimeError("the generator's docid range is exhausted")
        self.next = docid
        self.rng.shuffle(found)
        self._pending = found

    def place(self, obj):
        """Map ``obj`` to the next docid; the catalog indexes it under that docid when its
        folder adds it (``index_tree`` keeps a docid already mapped to it)."""
        while True:
            if not self._pending:
                self._fill()
            docid = self._pending.pop()
            if docid not in self.docmap.objects:  # a web add may have taken it meanwhile
                return self.docmap.add(obj, docid=docid)
