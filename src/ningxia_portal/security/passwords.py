"""Password hashing with argon2id, its parameters in one place.

PROFILES["argon2"] is tuned so that one verification costs about 25 ms on a 2-core server
(above OWASP's minimum of t=2, m=19 MiB, p=1); "fast" exists only so the test suite stays
quick. Hashes made with other parameters still verify and are rehashed on the next login.

Each hash or verification allocates its memory_cost (19 MiB) and argon2 releases the GIL,
so 8 server threads checked 8 passwords at once. glibc then keeps each thread's freed
19 MiB in that thread's malloc arena: in one process, 8 threads verifying once took RSS
from 69 to 221 MB. So hashing runs on a small pool of its own threads (setting
``portal.password_concurrency``, 2 by default: one per core): at most that many at once,
and only their arenas hold the memory (the same 8 verifications: 72 MB). Requests wait for
a free worker, which costs them no more CPU than before.

The hasher is made once per application, under a lock: made lazily by the first logins, 8
threads at once each made one, each hashing its dummy password on its own thread, and 7
waitress arenas kept 19 MiB each (+150 MB of server RSS under the login page alone). The
dummy is hashed on the pool too, so no request thread's arena ever holds argon2's memory.
"""

from concurrent.futures import ThreadPoolExecutor

import argon2
from argon2.exceptions import InvalidHashError, VerificationError

from ningxia_portal.core.once import made_once

PROFILES = {
    # time_cost=3 passes over memory_cost=19456 KiB (19 MiB), one lane: ~25 ms per verify.
    "argon2": {"time_cost": 3, "memory_cost": 19456, "parallelism": 1},
    # Tests only (portal.password_hasher = fast): the same algorithm, nearly no cost.
    "fast": {"time_cost": 1, "memory_cost": 64, "parallelism": 1},
}


class Passwords:
    """Hash, verify and say when a stored hash needs to be made again."""

    def __init__(self, time_cost, memory_cost, parallelism, concurrency=0):
        self._hasher = argon2.PasswordHasher(
            time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism
        )
        # At most ``concurrency`` hashes/verifications at once, on the pool's own threads
        # (0: no limit, on the caller's thread).
        self._pool = (
            ThreadPoolExecutor(concurrency, thread_name_prefix="passwords") if concurrency else None
        )
        # Verified against when the account doesn't exist, so timing doesn't reveal that.
        self._dummy = self._run(self._hasher.hash, "not-a-password-0")

    def _run(self, fn, *args):
        if self._pool is None:
            return fn(*args)
        return self._pool.submit(fn, *args).result()

    def hash(self, password):
        return self._run(self._hasher.hash, password)

    def verify(self, password_hash, password):
        """True when ``password`` matches; never raises for a wrong or malformed hash."""
        try:
            matches = self._run(self._hasher.verify, password_hash or self._dummy, password)
            return matches and bool(password_hash)
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, password_hash):
        return self._hasher.check_needs_rehash(password_hash)


def make_passwords(name, concurrency=0):
    if name not in PROFILES:
        raise ValueError(f"portal.password_hasher must be one of {sorted(PROFILES)}, not {name!r}")
    return Passwords(**PROFILES[name], concurrency=concurrency)


def _make_passwords(registry):
    settings = registry.settings
    return make_passwords(
        settings["portal.password_hasher"], settings.get("portal.password_concurrency", 2)
    )


def get_passwords(registry):
    """The hasher the settings chose, made once per application (whichever thread asks first)."""
    return made_once(registry, "portal_passwords", _make_passwords)
