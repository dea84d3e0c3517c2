"""Checking a login: throttling, password verification, rehash, and starting the session."""

from datetime import timedelta

from pyramid.security import remember

from ningxia_portal.core.clock import get_clock
from ningxia_portal.security.passwords import get_passwords
from ningxia_portal.security.throttle import Throttle


class LoginThrottled(Exception):
    """Too many failures for this account or this address: refuse without checking."""


class AccountDisabled(Exception):
    """The password was right but an admin disabled the account."""


def get_throttle(registry):
    """The per-process throttle of failed logins, made once per application."""
    throttle = getattr(registry, "portal_login_throttle", None)
    if throttle is None:
        settings = registry.settings
        throttle = registry.portal_login_throttle = Throttle(
            get_clock(registry),
            limit=settings["portal.login_max_failures"],
            window=timedelta(minutes=settings["portal.login_window_minutes"]),
        )
    return throttle


def authenticate(request, login, password):
    """The active user whose username or credit code and password match, or None.

    Raises LoginThrottled when the account or the client address has failed too often,
    AccountDisabled for a disabled account's right password; a success forgets the
    account's failures and rehashes an outdated password hash.
    """
    principals = request.root["principals"]
    throttle = get_throttle(request.registry)
    user = principals.find(login)
    account_key = "account:" + (user.username if user is not None else (login or "").lower())
    address_key = "address:" + (request.client_addr or "")
    if throttle.blocked(account_key) or throttle.blocked(address_key):
        raise LoginThrottled()
    passwords = get_passwords(request.registry)
    hashed = user.password_hash if user is not None else None
    if not passwords.verify(hashed, password):
        throttle.hit(account_key)
        throttle.hit(address_key)
        return None
    if not user.active:
        raise AccountDisabled()
    throttle.reset(account_key)
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash(password)
    return user


def start_session(request, user):
    """Remember ``user`` in a fresh session; returns the headers that set its cookie."""
    return remember(request, user.username)
