"""Checking a login: throttling, password verification, rehash, and starting the session.

Failures are counted in ZODB (``security/counters.py``), shared by every process, against
four keys with their own allowances: the account from this address (5), this address for
every account (50; IPv6: its /64, and its /48 with 500), and the account from everywhere
(500, the ceiling that still bounds a guesser with many addresses). Past its allowance a
key does not lock: each further try waits 2, 4, 8 … seconds (at most 15 minutes) after its
last failure. So a guesser slows down to a crawl, while the owner, from an address that has
not failed, is not delayed at all — unless the account's own ceiling has been reached from
everywhere, which takes hundreds of failures within the hour.
"""

from datetime import timedelta

from pyramid.security import remember

from ningxia_portal.core.clock import get_clock
from ningxia_portal.core.once import made_once
from ningxia_portal.core.root import get_database
from ningxia_portal.security.counters import FailureCounters, Rule
from ningxia_portal.security.passwords import get_passwords
from ningxia_portal.security.throttle import address_key, network_key


class LoginThrottled(Exception):
    """Too many recent failures for this account, address or both: try again in ``wait``
    seconds (the password was not checked)."""

    def __init__(self, wait):
        super().__init__(wait)
        self.wait = wait


def _make_counters(registry):
    settings = registry.settings
    return FailureCounters(
        get_database(registry),
        get_clock(registry),
        forget=timedelta(minutes=settings["portal.login_forget_minutes"]),
        max_delay=timedelta(minutes=settings["portal.login_max_delay_minutes"]),
    )


def get_counters(registry):
    """The failure counters of the application's database, made once per application."""
    return made_once(registry, "portal_failure_counters", _make_counters)


def _rule(request, name):
    return Rule(request.registry.settings[name])


def address_rules(request):
    """[(key, Rule)] of the client's address (and IPv6 /48)."""
    addr = request.remote_addr
    keys = [(address_key(addr), _rule(request, "portal.login_address_free_failures"))]
    network = network_key(addr)
    if network:
        keys.append((network, _rule(request, "portal.login_network_free_failures")))
    return keys


def pair_key(request, username):
    return f"pair:{username}|{address_key(request.remote_addr)}"


def login_rules(request, user):
    """[(key, Rule)] one login try counts against."""
    keys = address_rules(request)
    if user is not None:
        keys.insert(
            0, (pair_key(request, user.username), _rule(request, "portal.login_free_failures"))
        )
        keys.append(
            ("account:" + user.username, _rule(request, "portal.login_account_free_failures"))
        )
    return keys


def authenticate(request, login, password):
    """The active user whose username or credit code and password match, or None.

    Raises LoginThrottled while a key must wait. The try is counted (and committed) before
    the password is checked, so guesses in parallel can't slip through on one old count;
    a right password takes it back: the account-and-address failures are forgotten, the
    address and the account get this one try back (their other failures stay). A disabled
    account fails like a wrong password (its message must not confirm that the password
    was right).
    """
    principals = request.root["principals"]
    counters = get_counters(request.registry)
    user = principals.find(login)
    keys = login_rules(request, user)
    verdict = counters.attempt(keys)
    if not verdict.allowed:
        raise LoginThrottled(verdict.wait)
    passwords = get_passwords(request.registry)
    hashed = user.password_hash if user is not None else None
    if not passwords.verify(hashed, password) or not user.active:
        return None
    counters.forgive(clear=[keys[0][0]], give_back=[key for key, _rule in keys[1:]])
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash(password)
    return user


def check_current_password(request, user, password):
    """Verify a logged-in user's current password, throttled like a login (per account)."""
    counters = get_counters(request.registry)
    key = "password:" + user.username
    verdict = counters.attempt([(key, _rule(request, "portal.login_free_failures"))])
    if not verdict.allowed:
        raise LoginThrottled(verdict.wait)
    if not get_passwords(request.registry).verify(user.password_hash, password):
        return False
    counters.forgive(clear=[key])
    return True


def registration_allowed(request):
    """Count one registration from the client's address; a LoginThrottled while it must
    wait (registrations past the address's allowance are slowed like failed logins)."""
    addr = address_key(request.remote_addr)
    rule = _rule(request, "portal.register_free_per_address")
    verdict = get_counters(request.registry).attempt([("register:" + addr, rule)])
    if not verdict.allowed:
        raise LoginThrottled(verdict.wait)


def start_session(request, user):
    """Remember ``user`` in a fresh session; returns the headers that set its cookie."""
    return remember(request, user.username)
