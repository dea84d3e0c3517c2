"""Verification codes of notices: derived from the case, never stored.

A code is the case number, a letter for the notice's kind and 80 bits of an HMAC-SHA256
(keyed by the secret of ``/notices/``, made once per database) over the case number, the
kind and the time of the history entry that issued the notice::

    640100-20260302-000001-A-7K2Q-M9XD-3HFP-ZT4W

The MAC is written in Crockford's base 32 (no I, L, O, U; read back case-insensitively, with
I/L as 1 and O as 0) in groups of four. Checking one is a parse, one lookup of the case and
one HMAC: nothing is written when a notice is printed, and a million cases cost nothing.
A notice replaced by a newer one of its kind (a second 一次性告知) has another time, so its
old code no longer verifies; nor does a code whose case no longer offers that notice.
"""

import hashlib
import hmac
import re
from datetime import UTC, datetime

from ningxia_portal.filings.notices import (
    ACCEPTANCE,
    COMPLETION,
    REFUSAL,
    SUPPLEMENT,
    issued_entry,
)

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32
MAC_BITS = 80
MAC_CHARS = MAC_BITS // 5
GROUP = 4
KIND_LETTERS = {ACCEPTANCE: "A", REFUSAL: "R", SUPPLEMENT: "S", COMPLETION: "C"}
LETTER_KINDS = {letter: kind for kind, letter in KIND_LETTERS.items()}
MAX_TYPED = 100  # longer input is no code of ours
# A case number (<center>-<yyyymmdd>-<sequence>) without its hyphens, the kind, the MAC.
_CANONICAL = re.compile(
    rf"(\d{{6}})(\d{{8}})(\d{{6,9}})([{''.join(LETTER_KINDS)}])(\w{{{MAC_CHARS}}})"
)
_SEPARATORS = re.compile(r"[\s\-_.·]+")
_READ_AS = str.maketrans({"I": "1", "L": "1", "O": "0"})


def mac(secret, case_no, kind, issued):
    """The MAC of a notice, as MAC_CHARS characters of Crockford's base 32."""
    message = f"{case_no}\n{kind}\n{issued.isoformat()}".encode()
    digest = hmac.new(secret, message, hashlib.sha256).digest()
    number = int.from_bytes(digest[: MAC_BITS // 8], "big")
    return "".join(ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(MAC_CHARS)))


def make_code(secret, case_no, kind, issued):
    """The printed code: the case number, the kind's letter, the MAC in groups of four."""
    tag = mac(secret, case_no, kind, issued)
    groups = [tag[i : i + GROUP] for i in range(0, MAC_CHARS, GROUP)]
    return "-".join([case_no, KIND_LETTERS[kind], *groups])


def code_of(secret, filing, kind):
    """The code of the notice ``kind`` of ``filing``, or None when the case has none."""
    entry = issued_entry(filing, kind)
    if entry is None or filing.case_no is None:
        return None
    return make_code(secret, filing.case_no, kind, entry["time"])


def parse(typed):
    """(case number, kind, MAC) of a typed or scanned code, or None if it has not the
    shape of one (separators, spaces and case don't matter)."""
    if not isinstance(typed, str) or len(typed) > MAX_TYPED:
        return None
    text = _SEPARATORS.sub("", typed).upper()
    found = _CANONICAL.fullmatch(text)
    if found is None:
        return None
    center, day, sequence, letter, tag = found.groups()
    tag = tag.translate(_READ_AS)
    if any(c not in ALPHABET for c in tag):
        return None
    return f"{center}-{day}-{sequence}", LETTER_KINDS[letter], tag


# What a miss is compared against when there is no entry: any fixed time will do.
_STAND_IN = datetime(2000, 1, 1, tzinfo=UTC)


def check(secret, filing, kind, tag):
    """The history entry of the notice if ``tag`` is its MAC and the case offers that notice
    now, else None.

    Every check computes one MAC and compares it in constant time, also when the case is
    unknown or does not offer the kind (against a stand-in time), so the time an answer
    takes does not tell which notices a case has."""
    entry = None
    if filing is not None and filing.case_no is not None:
        entry = issued_entry(filing, kind)
    case_no = filing.case_no if entry is not None else "000000-00000000-000000"
    expected = mac(secret, case_no, kind, entry["time"] if entry is not None else _STAND_IN)
    same = hmac.compare_digest(expected, tag)
    return entry if same and entry is not None else None
