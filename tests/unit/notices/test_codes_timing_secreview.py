"""Security review r7: /verify does different work for different misses (notices/codes.py).

``check`` returns before computing any HMAC when the case is unknown or does not offer the
kind, and computes one (then compares in constant time) when it does. So the time of
``/verify/<case>-R-<anything>`` against ``…-C-<anything>`` tells whether a case was refused
or completed, to anybody, without a code. FAILS on main.
"""

from datetime import timedelta

from ningxia_portal.notices import codes
from tests.unit.filings.helpers import NOW, make_filing

SECRET = b"k" * 32
CASE = "640100-20260302-000001"
JUNK = "A" * codes.MAC_CHARS


def completed_case():
    filing = make_filing(state="completed")
    filing.case_no = CASE
    for minutes, name in enumerate(("submit", "prereview", "accept", "complete"), 1):
        filing.history.append({"transition": name, "time": NOW + timedelta(minutes=minutes)})
    return filing


def test_every_miss_computes_one_mac(monkeypatch):
    calls = []
    real = codes.mac
    monkeypatch.setattr(codes, "mac", lambda *a: calls.append(a[2]) or real(*a))
    filing = completed_case()
    work = {}
    for label, obj, kind in [
        ("offered kind, wrong tag", filing, "completion"),
        ("kind not offered", filing, "refusal"),
        ("unknown case", None, "completion"),
    ]:
        calls.clear()
        assert codes.check(SECRET, obj, kind, JUNK) is None
        work[label] = len(calls)
    assert set(work.values()) == {1}, work
