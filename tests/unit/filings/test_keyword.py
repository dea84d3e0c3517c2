"""The /filings/ keyword: case number prefixes, or parts of the item and applicant names."""

from types import SimpleNamespace

import pytest
from BTrees.IFBTree import IFTreeSet

from ningxia_portal.filings.views import listing
from ningxia_portal.indexing.catalog import make_catalog

CASES = {
    1: ("640100-20260302-000001", "特种行业许可证核发（旅馆业）", "宁夏阿克米食品有限公司"),
    2: ("640100-20260302-000002", "食品经营许可（新办）", "ACME Trading Co."),
    3: ("640100-20260303-000001", "药品零售企业许可", "宁夏阿克米食品有限公司"),
    4: ("640200-20260303-000001", "食品经营许可（新办）", "银川其他商贸有限公司"),
}


@pytest.fixture(params=[listing.FEW_CANDIDATES, 0], ids=["candidates", "names"])
def matches(request, monkeypatch, registry):
    """keyword_matches over the cases' catalog, reading each candidate's names or (many
    candidates) the docid sets of the names that match."""
    monkeypatch.setattr(listing, "FEW_CANDIDATES", request.param)
    catalog = make_catalog(registry)
    for docid, (case_no, item, applicant) in CASES.items():
        doc = SimpleNamespace(case_no=case_no, item_title=item, applicant_title=applicant)
        for name in ("case_no", "item_title", "applicant"):
            catalog[name].index_doc(docid, doc)

    def run(typed, within=(1, 2, 3, 4)):
        return list(listing.keyword_matches(catalog, typed, IFTreeSet(within)))

    return run


def test_parts_of_either_name_every_chunk(matches):
    assert matches("旅馆") == [1]
    assert matches("阿克米") == [1, 3]
    assert matches("阿克米 许可") == [1, 3]  # each chunk in either name
    assert matches("阿克米 新办") == []
    assert matches("零售企") == [3]  # any run of characters, not two-character words


def test_latin_letters_and_full_width_forms_fold(matches):
    assert matches("acme") == [2] and matches("ＡＣＭＥ trading") == [2]
    assert matches("(新办)") == [2, 4]  # typed half-width, filed full-width


def test_only_the_viewers_own_cases_match(matches):
    assert matches("阿克米", within=(2, 3)) == [3]
    assert matches("银川其他", within=(1, 2, 3)) == []


def test_case_numbers_by_prefix(matches):
    assert matches("640100-20260302") == [1, 2]
    assert matches("640200") == [4]
    assert matches("640100-20260302-0000011") == []


def test_nothing_searchable_finds_nothing(matches):
    assert matches("  \"' ") == []
