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
