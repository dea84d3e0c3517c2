import threading

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


def test_production_profile_is_memory_hard():
    """Its cost (a verification well under 100 ms) is measured by `make bench`."""
    params = PROFILES["argon2"]
    assert params["memory_cost"] >= 19456 and params["time_cost"] >= 2  # OWASP minimum
    passwords = make_passwords("argon2")
    assert passwords.verify(passwords.hash("abc123"), "abc123")


class CountingHasher:
    """Stands in for argon2's hasher: every run holds until ``release`` is set, so the
    test sees how many run at the same time (``changed`` is notified at each change)."""

    def __init__(self):
        self.active = self.most = self.submitted = 0
        self.changed = threading.Condition()
        self.release = threading.Event()

    def _run(self, result):
        with self.changed:
            self.active += 1
            self.most = max(self.most, self.active)
            self.changed.notify_all()
        assert self.release.wait(5)
        with self.changed:
            self.active -= 1
        return result

    def hash(self, password):
        return self._run("$argon2id$fake")

    def verify(self, password_hash, password):
        return self._run(True)

    def count_submissions(self, pool):
        """Count the calls handed to ``pool`` (the ones it can't run yet wait in it)."""
        submit = pool.submit

        def counted(fn, *args):
            future = submit(fn, *args)
            with self.changed:
                self.submitted += 1
                self.changed.notify_all()
            return future

        pool.submit = counted


@pytest.mark.parametrize("concurrency, most", [(1, 1), (2, 2), (0, 8)])
def test_at_most_concurrency_hashes_run_at_once(concurrency, most):
    passwords = Passwords(**PROFILES["fast"], concurrency=concurrency)
    passwords._hasher = counting = CountingHasher()
    if concurrency:
        counting.count_submissions(passwords._pool)
    results = []
    calls = [(passwords.hash, ("pw",)), (passwords.verify, ("$argon2id$x", "pw"))] * 4
    threads = [threading.Thread(target=lambda f=f, a=a: results.append(f(*a))) for f, a in calls]
    for t in threads:
        t.start()

    def settled():
        if concurrency:  # all 8 handed to the pool, as many running as it has workers
            return counting.submitted == 8 and counting.active == concurrency
        return counting.active == 8  # no limit: all 8 at once, on the callers' threads

    with counting.changed:
        assert counting.changed.wait_for(settled, timeout=5)
    counting.release.set()
    for t in threads:
        t.join()
    assert counting.most == most
    assert sorted(map(str, results)) == ["$argon2id$fake"] * 4 + ["True"] * 4


def test_the_setting_bounds_the_applications_hasher():
    from pyramid.registry import Registry

    from ningxia_portal.security.passwords import get_passwords

    registry = Registry()
    registry.settings = {"portal.password_hasher": "fast", "portal.password_concurrency": 3}
    passwords = get_passwords(registry)
    assert passwords._pool._max_workers == 3
    assert passwords.verify(passwords.hash("abc123"), "abc123")


def test_threads_asking_at_once_share_one_hasher_whose_pool_hashed_the_dummy(monkeypatch):
    from pyramid.registry import Registry

    from ningxia_portal.security import passwords as module

    made, hashed_on, arrived = [], [], []
    all_arrived = threading.Event()
    real_made_once = module.made_once

    def counting_made_once(*args):
        arrived.append(True)
        if len(arrived) == 8:
            all_arrived.set()
        return real_made_once(*args)

    def slow_make(name, concurrency=0):
        assert all_arrived.wait(5)  # every thread is inside get_passwords by now
        made.append(name)
        return make_passwords(name, concurrency)

    real_hash = module.argon2.PasswordHasher.hash

    def recording_hash(self, password, **kw):
        hashed_on.append(threading.current_thread().name)
        return real_hash(self, password, **kw)

    monkeypatch.setattr(module, "made_once", counting_made_once)
    monkeypatch.setattr(module, "make_passwords", slow_make)
    monkeypatch.setattr(module.argon2.PasswordHasher, "hash", recording_hash)
    registry = Registry()
    registry.settings = {"portal.password_hasher": "fast", "portal.password_concurrency": 2}
    found = []
    threads = [
        threading.Thread(target=lambda: found.append(module.get_passwords(registry)))
        for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert made == ["fast"] and len(found) == 8 and all(p is found[0] for p in found)
    # The dummy password was hashed on the pool's thread, not on a request's.
    assert hashed_on == ["passwords_0"]
