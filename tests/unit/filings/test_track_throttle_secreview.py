"""Security review r7: the /track throttle of misses (filings/tracking.py, security/throttle.py).

Both tests FAIL on main and show how a phone's last four digits (10,000 values) can be
brute-forced despite "10 misses per address in 15 minutes".
"""

from datetime import timedelta
from types import SimpleNamespace

from ningxia_portal.core.clock import FrozenClock
from ningxia_portal.filings import tracking
from ningxia_portal.security.throttle import Throttle

CASE_NO = "640100-20260302-000001"
PHONE = "13995009876"
LIMIT = 10


def registry(max_keys):
    reg = SimpleNamespace(settings={"portal.track_max_misses": LIMIT})
    # What get_throttle() makes, with a small table (production: max_keys=10_000).
    reg.portal_track_throttle = Throttle(
        FrozenClock(), limit=LIMIT, window=timedelta(minutes=15), max_keys=max_keys
    )
    return reg


def request(reg, addr):
    return SimpleNamespace(registry=reg, remote_addr=addr)


def filings():
    return {CASE_NO: SimpleNamespace(state="submitted", phone=PHONE, history=[])}


def v6(n):
    """One address in each of an attacker's /64s (a free tunnel broker /48 has 65,536)."""
    return f"2001:db8:{n >> 16 & 0xFFFF:x}:{n & 0xFFFF:x}::1"


def test_a_full_table_of_blocked_addresses_does_not_let_new_addresses_guess_freely():
    reg, cases = registry(max_keys=20), filings()
    # Step 1: 20 /64s each miss 10 times: the table is full of blocked keys.
    for n in range(20):
        for _ in range(LIMIT):
            tracking.look_up(request(reg, v6(n)), cases, CASE_NO, "0000")
    # Step 2: a new /64 is never tracked (_add returns without recording it): every last-4
    # guess is checked. On main all 10,000 guesses go through and the phone is found.
    fresh = request(reg, v6(1000))
    checked = 0
    for guess in range(10_000):
        try:
            hit = tracking.look_up(fresh, cases, CASE_NO, f"{guess:04d}")
        except tracking.TrackThrottled:
            break
        checked += 1
        if hit is not None:
            break
    assert checked <= LIMIT, f"{checked} guesses checked from one address, phone found"


def test_one_case_is_not_open_to_unlimited_guesses_from_many_addresses():
    reg, cases = registry(max_keys=10_000), filings()
    # 1,000 /64s x 10 guesses each = every last-4 value: no per-case limit exists.
    found = None
    for guess in range(10_000):
        try:
            hit = tracking.look_up(request(reg, v6(guess // LIMIT)), cases, CASE_NO, f"{guess:04d}")
        except tracking.TrackThrottled:
            continue
        if hit is not None:
            found = f"{guess:04d}"
            break
    assert found is None, f"last four digits {found} found by spreading guesses over /64s"
