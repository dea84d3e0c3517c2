"""Password hashing with argon2id, its parameters in one place.

PROFILES["argon2"] is tuned so that one verification costs about 25 ms on a 2-core server
(above OWASP's minimum of t=2, m=19 MiB, p=1); "fast" exists only so the test suite stays
quick. Hashes made with other parameters still verify and are rehashed on the next login.
"""

import argon2
from argon2.exceptions import InvalidHashError, VerificationError

PROFILES = {
    # time_cost=3 passes over memory_cost=19456 KiB (19 MiB), one lane: ~25 ms per verify.
    "argon2": {"time_cost": 3, "memory_cost": 19456, "parallelism": 1},
    # Tests only (portal.password_hasher = fast): the same algorithm, nearly no cost.
    "fast": {"time_cost": 1, "memory_cost": 64, "parallelism": 1},
}


class Passwords:
    """Hash, verify and say when a stored hash needs to be made again."""

    def __init__(self, time_cost, memory_cost, parallelism):
        self._hasher = argon2.PasswordHasher(
            time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism
        )
        # Verified against when the account doesn't exist, so timing doesn't reveal that.
        self._dummy = self._hasher.hash("not-a-password-0")

    def hash(self, password):
        return self._hasher.hash(password)

    def verify(self, password_hash, password):
        """True when ``password`` matches; never raises for a wrong or malformed hash."""
        try:
            return self._hasher.verify(password_hash or self._dummy, password) and bool(
                password_hash
            )
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, password_hash):
        return self._hasher.check_needs_rehash(password_hash)


def make_passwords(name):
    if name not in PROFILES:
        raise ValueError(f"portal.password_hasher must be one of {sorted(PROFILES)}, not {name!r}")
    return Passwords(**PROFILES[name])


def get_passwords(registry):
    """The hasher the settings chose, made once per application."""
    passwords = getattr(registry, "portal_passwords", None)
    if passwords is None:
        passwords = make_passwords(registry.settings["portal.password_hasher"])
        registry.portal_passwords = passwords
    return passwords
