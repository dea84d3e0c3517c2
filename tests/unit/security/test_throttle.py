from ningxia_portal.core.clock import FrozenClock
from ningxia_portal.security.throttle import Throttle


def test_blocks_after_the_limit_within_the_window():
    clock = FrozenClock()
    throttle = Throttle(clock, limit=5)
    for _ in range(4):
        throttle.hit("account:a")
        clock.advance(minutes=1)
    assert not throttle.blocked("account:a")
    throttle.hit("account:a")
    assert throttle.blocked("account:a")
    assert not throttle.blocked("account:b")


def test_failures_expire_after_the_window():
    clock = FrozenClock()
    throttle = Throttle(clock, limit=5)
    for _ in range(5):
        throttle.hit("k")
    clock.advance(minutes=14, seconds=59)
    assert throttle.blocked("k")
    clock.advance(seconds=1)
    assert not throttle.blocked("k")
    assert len(throttle) == 0  # the expired key is gone, not kept forever


def test_old_failures_spread_over_time_do_not_add_up():
    clock = FrozenClock()
    throttle = Throttle(clock, limit=5)
    for _ in range(10):
        throttle.hit("k")
        clock.advance(minutes=4)
    assert not throttle.blocked("k")


def test_reset_forgets_a_key():
    throttle = Throttle(FrozenClock(), limit=2)
    throttle.hit("k")
    throttle.hit("k")
    throttle.reset("k")
    assert not throttle.blocked("k")


def test_keys_are_bounded_and_each_keeps_at_most_limit_timestamps():
    clock = FrozenClock()
    throttle = Throttle(clock, limit=3, max_keys=100)
    for i in range(1000):
        throttle.hit(f"address:{i}")
    assert len(throttle) == 100
    assert throttle.blocked("address:999") is False
    for _ in range(50):
        throttle.hit("address:999")
    assert len(throttle._hits["address:999"]) == 3
    assert throttle.blocked("address:999")


def test_eviction_drops_expired_keys_first():
    clock = FrozenClock()
    throttle = Throttle(clock, limit=3, max_keys=3)
    throttle.hit("old")
    clock.advance(minutes=20)
    for _ in range(3):
        throttle.hit("recent")
    throttle.hit("b")
    throttle.hit("c")
    assert throttle.blocked("recent")
    assert "old" not in throttle._hits


# --- what a guesser meets: parallel tries, floods of keys, a full table -------------------

import threading as _threading  # noqa: E402

from ningxia_portal.core.clock import FrozenClock as _FrozenClock  # noqa: E402
from ningxia_portal.security.throttle import Throttle as _Throttle  # noqa: E402
from ningxia_portal.security.throttle import address_key, address_keys, network_key  # noqa: E402


def test_parallel_attempts_never_exceed_the_limit():
    throttle = _Throttle(_FrozenClock(), limit=5)
    allowed = []
    barrier = _threading.Barrier(40)

    def guess():
        barrier.wait()
        allowed.append(throttle.attempt("account:admin", "address:10.0.0.1"))

    threads = [_threading.Thread(target=guess) for _ in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert allowed.count(True) == 5


def test_a_flood_of_junk_keys_does_not_unblock_an_account():
    throttle = _Throttle(_FrozenClock(), limit=5, max_keys=50)
    for _ in range(5):
        throttle.attempt("account:admin")
    assert throttle.blocked("account:admin")
    for n in range(1000):
        throttle.attempt(f"address:10.{n // 250}.{n % 250}.1")
    assert throttle.blocked("account:admin")
    assert len(throttle) <= 50


def test_success_gives_the_address_its_try_back():
    throttle = _Throttle(_FrozenClock(), limit=5)
    for _ in range(10):  # an office behind one NAT address, logging in all morning
        assert throttle.attempt("account:a", "address:10.0.0.1")
        throttle.succeeded("account:a", "address:10.0.0.1")
    assert not throttle.blocked("address:10.0.0.1")


def test_ipv6_clients_count_by_their_64_network():
    assert address_key("2001:db8:1:2::5") == address_key("2001:db8:1:2:ffff::9")
    assert address_key("2001:db8:1:3::5") != address_key("2001:db8:1:2::5")
    assert address_key("::ffff:10.0.0.1") == address_key("10.0.0.1") == "address:10.0.0.1"
    assert address_key("") == "address:-"


def test_a_table_full_of_blocked_addresses_leaves_no_newcomer_unlimited():
    throttle = _Throttle(_FrozenClock(), limit=5, max_keys=50)
    for n in range(50):
        for _ in range(5):
            throttle.attempt(f"address:2001:db8:0:{n:x}::/64")
    allowed = sum(
        throttle.attempt("account:admin", "address:2001:db8:0:ffff::/64") for _ in range(100)
    )
    assert allowed == 5  # the oldest blocked addresses made room: admin is counted
    assert throttle.blocked("account:admin") and len(throttle) <= 50


def test_a_blocked_account_is_never_evicted_and_a_full_table_fails_closed():
    throttle = _Throttle(_FrozenClock(), limit=5, max_keys=10)
    for n in range(10):
        for _ in range(5):
            throttle.attempt(f"account:user{n}")
    # Nothing may make room: a newcomer is refused, not waved through untracked.
    assert throttle.attempt("account:admin", "address:10.0.0.1") is False
    assert throttle.hit("account:admin") is False
    assert "address:10.0.0.1" not in throttle._hits  # nothing reserved
    assert all(throttle.blocked(f"account:user{n}") for n in range(10))
    clock = throttle.clock
    clock.advance(minutes=15)  # the blocks expire: room again
    assert throttle.attempt("account:admin", "address:10.0.0.1")


def test_a_key_prefix_may_have_its_own_limit():
    throttle = _Throttle(_FrozenClock(), limit=2, limits={"network": 4})
    for _ in range(3):
        throttle.hit("network:2001:db8::/48")
        throttle.hit("address:10.0.0.1")
    assert throttle.blocked("address:10.0.0.1")
    assert not throttle.blocked("network:2001:db8::/48")
    throttle.hit("network:2001:db8::/48")
    assert throttle.blocked("network:2001:db8::/48")


def test_ipv6_clients_also_count_by_their_48_network():
    assert address_keys("2001:db8:1:2::5") == [
        "address:2001:db8:1:2::/64",
        "network:2001:db8:1::/48",
    ]
    assert network_key("2001:db8:1:ffff::9") == network_key("2001:db8:1:2::5")
    assert network_key("2001:db8:2::5") != network_key("2001:db8:1::5")
    assert address_keys("10.0.0.1") == address_keys("::ffff:10.0.0.1") == ["address:10.0.0.1"]
    assert address_keys("") == ["address:-"]
