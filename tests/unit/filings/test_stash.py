"""The upload stash counts each uploader's live entries and bytes; sequences are bounded."""

from ningxia_portal.filings.resources import Filings, StashedUpload
from ningxia_portal.filings.schemas import apply_schema
from tests.unit.filings.helpers import NOW

SETTINGS = {"portal.upload_max_files": 30, "portal.upload_max_bytes": 1024}


def entry(owner, size):
    return StashedUpload(owner, "a.pdf", "application/pdf", size, None, NOW)


def test_usage_counts_only_the_uploaders_live_entries():
    filings = Filings()
    filings.stash_put("00000000100aa", entry("acme", 10))  # expired (before the cutoff)
    filings.stash_put("00000000200bb", entry("acme", 20))
    filings.stash_put("00000000300cc", entry("acme", 30))
    filings.stash_put("00000000300dd", entry("other", 99))
    assert filings.stash_usage("acme", "00000000200") == (2, 50)
    assert filings.stash_usage("other", "00000000200") == (1, 99)
    assert filings.stash_usage("nobody", "00000000200") == (0, 0)
    filings.stash_drop("00000000300cc")
    filings.stash_drop("no-such-uid")
    assert filings.stash_usage("acme", "00000000200") == (1, 20)
    assert "00000000300cc" not in filings.uploads


def test_a_container_stored_before_the_accounting_starts_it_on_first_use():
    filings = Filings()
    del filings.stash_owners  # as pickled before: the class default None
    assert filings.stash_usage("acme", "0") == (0, 0)
    filings.stash_drop("x")
    filings.stash_put("00000000200bb", entry("acme", 20))
    assert filings.stash_usage("acme", "0") == (1, 20)


def test_each_material_offers_and_accepts_at_most_the_per_filing_limit():
    materials = [{"name": "申请书", "required": True, "copies": "", "form": "", "notes": ""}]
    schema = apply_schema(
        materials, tmpstore={}, settings=SETTINGS, for_submit=False, csrf_token="t"
    )
    sequence = schema["materials"]["0"]
    assert sequence.widget.max_len == 30
    assert sequence.widget.min_len == 1


def test_a_purge_reads_the_buckets_of_the_entries_it_drops_not_every_expired_one(tmp_path):
    """3,000 expired entries of one uploader (some 100 buckets in the stash, as many in the
    uploader's accounting): a purge drops the oldest 50 and loads the few that hold them."""
    from BTrees.OOBTree import OOBucket
    from ZODB import DB
    from ZODB.FileStorage import FileStorage

    from ningxia_portal.filings.uploads import ZODBTmpStore

    db = DB(FileStorage(str(tmp_path / "Data.fs")))
    with db.transaction() as conn:
        filings = conn.root()["filings"] = Filings()
        for n in range(3000):
            filings.stash_put(f"{100 + n:011d}{n:020x}", entry("u", 1))
        filings.stash_put(f"{10**9:011d}{'f' * 20}", entry("acme", 1))  # live
    with db.transaction() as conn:
        filings = conn.root()["filings"]
        conn.cacheMinimize()
        store = ZODBTmpStore.__new__(ZODBTmpStore)  # what purge() reads of it
        store.filings, store.stash = filings, filings.uploads
        store.cutoff = lambda: f"{10**9:011d}"
        store.purge()
        buckets = [o for o in conn._cache.lru_items() if isinstance(o[1], OOBucket)]
        assert len(filings.uploads) == 3001 - ZODBTmpStore.PURGE_BATCH
        assert min(filings.uploads.keys()) == f"{150:011d}{50:020x}"
    assert len(buckets) < 10, len(buckets)
    db.close()
