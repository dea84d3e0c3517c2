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
