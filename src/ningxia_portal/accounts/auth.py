"""Checking a login: throttling, password verification, rehash, and starting the session."""

from datetime import timedelta

from pyramid.security import remember

from ningxia_portal.core.clock import get_clock
from ningxia_portal.core.once import made_once
from ningxia_portal.security.passwords import get_passwords
from ningxia_portal.security.throttle import Throttle, address_key


class LoginThrottled(Exception):
    """Too many failures for this account or this address: refuse without checking."""


def _make_throttle(registry):
    settings = registry.settings
    return Throttle(
        get_clock(registry),
        limit=settings["portal.login_max_failures"],
        window=timedelta(minutes=settings["portal.login_window_minutes"]),
    )


def get_throttle(registry):
    """The per-process throttle of failed logins, made once per application (the first
    logins arriving together share it: each used to make its own, and all but the last
    one's failures were lost)."""
    return made_once(registry, "portal_login_throttle", _make_throttle)


def authenticate(request, login, password):
    """The active user whose username or credit code and password match, or None.

    Raises LoginThrottled when the account or the client address has failed too often. The
    try is counted before the password is checked (parallel guesses can't slip through),
    and given back on success. Only existing accounts get an account counter, so made-up
    names can't crowd real accounts out of the bounded table. A disabled account fails like
    a wrong password (its message must not confirm that the password was right).
    """
    principals = request.root["principals"]
    throttle = get_throttle(request.registry)
    user = principals.find(login)
    keys = [address_key(request.remote_addr)]
    if user is not None:
        keys.insert(0, "account:" + user.username)
    if not throttle.attempt(*keys):
        raise LoginThrottled()
    passwords = get_passwords(request.registry)
    hashed = user.password_hash if user is not None else None
    if not passwords.verify(hashed, password) or not user.active:
        return None
    if user is not None and len(keys) == 2:
        throttle.succeeded(keys[0], keys[1])
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash(password)
    return user


def check_current_password(request, user, password):
    """Verify a logged-in user's current password, throttled like a login (per account)."""
    throttle = get_throttle(request.registry)
    key = "account:" + user.username
    if not throttle.attempt(key):
        raise LoginThrottled()
    if not get_passwords(request.registry).verify(user.password_hash, password):
        return False
    throttle.succeeded(key)
    return True


def start_session(request, user):
    """Remember ``user`` in a fresh session; returns the headers that set its cookie."""
    return remember(request, user.username)
