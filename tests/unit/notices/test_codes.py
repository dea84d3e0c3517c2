"""Verification codes: derived from the case, the kind and the issuing entry; never stored."""

from datetime import timedelta

import pytest

from ningxia_portal.notices import codes
from tests.unit.filings.helpers import NOW, make_filing

SECRET = b"k" * 32
CASE = "640100-20260302-000001"


def case(state="accepted", *moves):
    filing = make_filing(state=state)
    filing.case_no = CASE
    for minutes, name in enumerate(moves or ("submit", "prereview", "accept"), 1):
        filing.history.append({"transition": name, "time": NOW + timedelta(minutes=minutes)})
    return filing


def test_round_trip():
    filing = case()
    code = codes.code_of(SECRET, filing, "acceptance")
    assert code.startswith(f"{CASE}-A-") and len(code.split("-")) == 8
    case_no, kind, tag = codes.parse(code)
    assert (case_no, kind) == (CASE, "acceptance") and len(tag) * 5 >= 64
    assert codes.check(SECRET, filing, kind, tag) is filing.history[-1]


def test_typing_forgives_case_spaces_and_look_alikes():
    code = codes.code_of(SECRET, case(), "acceptance")
    head, tag = code[:24], code[24:]
    typed = head.replace("-", " ") + tag.lower().replace("1", "l").replace("0", "o")
    assert codes.parse(typed) == codes.parse(code)
    assert codes.parse(code.replace("-", "")) == codes.parse(code)


@pytest.mark.parametrize("position", range(16))
def test_any_changed_character_of_the_mac_fails(position):
    filing = case()
    _no, kind, tag = codes.parse(codes.code_of(SECRET, filing, "acceptance"))
    other = codes.ALPHABET[(codes.ALPHABET.index(tag[position]) + 1) % 32]
    tampered = tag[:position] + other + tag[position + 1 :]
    assert codes.check(SECRET, filing, kind, tampered) is None


def test_another_secret_or_kind_or_case_fails():
    filing = case("completed", "submit", "accept", "complete")
    _no, kind, tag = codes.parse(codes.code_of(SECRET, filing, "acceptance"))
    assert codes.check(b"x" * 32, filing, kind, tag) is None
    assert codes.check(SECRET, filing, "completion", tag) is None  # wrong kind
    assert codes.check(SECRET, filing, "refusal", tag) is None  # a kind it doesn't have
    other = case("completed", "submit", "accept", "complete")
    other.case_no = "640100-20260302-000002"
    assert codes.check(SECRET, other, kind, tag) is None
    assert codes.check(SECRET, None, kind, tag) is None  # unknown case


def test_a_notice_no_longer_available_fails():
    filing = case("supplement_required", "submit", "return")
    first = codes.parse(codes.code_of(SECRET, filing, "supplement"))
    assert codes.check(SECRET, filing, "supplement", first[2]) is not None
    filing.history.append({"transition": "supplement", "time": NOW + timedelta(hours=1)})
    filing.history.append({"transition": "return", "time": NOW + timedelta(hours=2)})
    assert codes.check(SECRET, filing, "supplement", first[2]) is None  # replaced
    second = codes.parse(codes.code_of(SECRET, filing, "supplement"))
    assert codes.check(SECRET, filing, "supplement", second[2]) is not None
    # A completion code of a case that is not completed (any more, or yet).
    done = case("completed", "submit", "accept", "complete")
    tag = codes.parse(codes.code_of(SECRET, done, "completion"))[2]
    done.state = "accepted"
    assert codes.check(SECRET, done, "completion", tag) is None
    assert codes.code_of(SECRET, done, "completion") is None


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "abc",
        CASE,
        f"{CASE}-A",
        f"{CASE}-X-AAAA-AAAA-AAAA-AAAA",
        f"{CASE}-A-UUUU-AAAA-AAAA-AAAA",
        f"{CASE}-A-AAAA-AAAA-AAAA-AAA",
        "9" * 200,
        None,
    ],
)
def test_what_is_no_code_parses_to_none(typed):
    assert codes.parse(typed) is None


def test_every_miss_costs_one_mac_whichever_notices_the_case_has(monkeypatch):
    """Timing says nothing: an unknown case, a kind the case does not offer and a wrong
    code for a kind it offers each compute one MAC and compare it."""
    calls, compared = [], []
    real_mac, real_compare = codes.mac, codes.hmac.compare_digest
    monkeypatch.setattr(codes, "mac", lambda *a: calls.append(a[2]) or real_mac(*a))
    monkeypatch.setattr(
        codes.hmac, "compare_digest", lambda a, b: compared.append(b) or real_compare(a, b)
    )
    filing = case("completed", "submit", "prereview", "accept", "complete")
    junk = "A" * codes.MAC_CHARS
    work = {}
    for label, obj, kind in [
        ("offered kind, wrong code", filing, "completion"),
        ("kind not offered", filing, "refusal"),
        ("unknown case", None, "completion"),
    ]:
        calls.clear(), compared.clear()
        assert codes.check(SECRET, obj, kind, junk) is None
        work[label] = (len(calls), compared == [junk])
    assert set(work.values()) == {(1, True)}, work
