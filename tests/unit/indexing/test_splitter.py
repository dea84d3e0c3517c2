import pickle

from ningxia_portal.indexing.splitter import CJKBigramSplitter, tokens


def test_han_runs_become_bigrams_and_latin_words_stay_whole():
    assert tokens("食品经营 ISO9001认证") == ["食品", "品经", "经营", "iso9001", "认证"]


def test_single_han_character_stays_single():
    assert tokens("证") == ["证"]


def test_punctuation_breaks_runs():
    assert tokens("许可（新办）") == ["许可", "新办"]


def test_splitter_pickles_by_reference():
    clone = pickle.loads(pickle.dumps(CJKBigramSplitter()))  # noqa: S301 - our own bytes
    assert clone.process(["营业执照"]) == ["营业", "业执", "执照"]
