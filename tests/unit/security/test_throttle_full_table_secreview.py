"""Security review r7: security/throttle.py:73-76. When the table is full of blocked keys a
new key is "simply not tracked" -- and an untracked key is never blocked, so from then on
every new address (and every account not yet in the table) tries without limit. Filling
the table costs max_keys x limit misses (login: 10,000 x 5; /track: 10,000 x 10) from
10,000 addresses -- 10,000 IPv6 /64s of one free /48. FAILS on main."""

from ningxia_portal.core.clock import FrozenClock
from ningxia_portal.security.throttle import Throttle


def test_a_table_full_of_blocked_keys_leaves_no_key_unlimited():
    throttle = Throttle(FrozenClock(), limit=5, max_keys=50)
    for n in range(50):
        for _ in range(5):
            throttle.attempt(f"address:2001:db8:0:{n:x}::/64")
    allowed = sum(
        throttle.attempt("account:admin", "address:2001:db8:0:ffff::/64") for _ in range(100)
    )
    assert allowed <= 5, f"{allowed} password guesses for admin from one address"
