import time

import pytest

from ningxia_portal.security.passwords import PROFILES, Passwords, make_passwords


@pytest.fixture(scope="module")
def fast():
    return make_passwords("fast")


def test_hash_verifies_only_the_right_password(fast):
    hashed = fast.hash("abc123")
    assert hashed.startswith("$argon2id$")
    assert fast.verify(hashed, "abc123")
    assert not fast.verify(hashed, "abc124")


def test_missing_or_malformed_hash_never_verifies(fast):
    assert not fast.verify(None, "not-a-password-0")  # the dummy's own password
    assert not fast.verify("", "abc123")
    assert not fast.verify("plaintext", "plaintext")


def test_hash_with_other_parameters_needs_rehash(fast):
    other = Passwords(time_cost=2, memory_cost=128, parallelism=1)
    old = other.hash("abc123")
    assert fast.verify(old, "abc123")  # still verifies …
    assert fast.needs_rehash(old)  # … and is made again on the next login
    assert not fast.needs_rehash(fast.hash("abc123"))


def test_unknown_profile_is_refused():
    with pytest.raises(ValueError, match="fast"):
        make_passwords("md5")


def test_production_profile_is_memory_hard_and_verifies_well_under_100ms():
    params = PROFILES["argon2"]
    assert params["memory_cost"] >= 19456 and params["time_cost"] >= 2  # OWASP minimum
    passwords = make_passwords("argon2")
    hashed = passwords.hash("abc123")
    timings = []
    for _ in range(5):  # the fastest run is the cost; slower ones measure a busy machine
        start = time.perf_counter()
        assert passwords.verify(hashed, "abc123")
        timings.append(time.perf_counter() - start)
    assert min(timings) < 0.1
