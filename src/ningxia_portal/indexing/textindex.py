"""hypatia's Okapi text index, changed so that concurrent indexing doesn't conflict.

hypatia keeps a word's postings (docid -> frequency) as a plain dict inside a bucket of
``_wordinfo`` until it has 10 documents, and writes ``_wordinfo[wid] = postings`` back
after every change "for persistency", even when the postings are their own persistent
LFBTree. A bucket of an IOBTree with object values counts any assignment as a change, so
every filing indexed rewrote the buckets of all its words (the item's title: the same
buckets for every filing of an item), and two submissions at once conflicted there: the
bucket's values (dicts and tree references) can't be merged by conflict resolution.

Here every word's postings are an LFBTree of their own from the first document, and the
bucket is written only when a word appears or disappears. Adding a document to existing
words changes the words' trees, whose buckets are keyed by (random) docids, so concurrent
adds land in different buckets or merge.
"""

from hypatia.text.okapiindex import OkapiIndex


class PostingsOkapiIndex(OkapiIndex):
    def _add_wordinfo(self, wid, f, docid):
        postings = self._wordinfo.get(wid)
        if postings is None:
            postings = self._wordinfo[wid] = self.family.IF.BTree()
            self.word_count.change(1)
        elif isinstance(postings, dict):  # made by hypatia's own index before evolve step 7
            postings = self._wordinfo[wid] = self.family.IF.BTree(postings)
        postings[docid] = f

    def _mass_add_wordinfo(self, wid2weight, docid):
        for wid, weight in wid2weight.items():
            self._add_wordinfo(wid, weight, docid)

    def _del_wordinfo(self, wid, docid):
        postings = self._wordinfo[wid]
        del postings[docid]
        if not postings:
            del self._wordinfo[wid]
            self.word_count.change(-1)
        elif isinstance(postings, dict):
            self._wordinfo[wid] = postings  # a plain dict inside the bucket: write it back
