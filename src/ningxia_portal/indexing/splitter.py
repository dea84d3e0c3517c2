"""A CJK-aware splitter for hypatia text indexes.

A run of Han characters is one "word" to hypatia's default splitter, so a search for 营业执照
inside 办理营业执照 finds nothing. This splitter turns every Han run into overlapping bigrams
(单字 runs stay single) and keeps Latin/digit runs as words; a quoted query then matches any
substring of two or more characters exactly, because its bigrams must appear contiguously.

The class is pickled inside every lexicon: keep it importable under this name.
"""

import re

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_HAN}]+|[^\W{_HAN}_]+")
_IS_HAN = re.compile(rf"[{_HAN}]")


def tokens(text):
    """Bigrams of Han runs and lower-cased Latin/digit words, in order."""
    out = []
    for run in _TOKEN.findall(text):
        if _IS_HAN.match(run):
            if len(run) == 1:
                out.append(run)
            else:
                out.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            out.append(run.lower())
    return out


class CJKBigramSplitter:
    """Hypatia pipeline element: ``process`` for documents and queries alike."""

    def process(self, lst):
        result = []
        for text in lst:
            result.extend(tokens(text))
        return result

    def processGlob(self, lst):  # noqa: N802 - hypatia's pipeline API
        return self.process(lst)
