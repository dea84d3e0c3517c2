"""Strict settings: every portal key is prefixed ``portal.`` and checked at start-up.

The secret, the storage URI and the mail server may come from the environment
(``PORTAL_SECRET``, ``PORTAL_ZODB_URI``, ``PORTAL_MAIL_*`` override the ini file;
ENVIRONMENT), so that production.ini never holds them; nothing else does, so no
environment can turn on demo data, add-ons or a fake clock behind the ini's back. The
ini file itself may refer to any variable (``${VAR}``). A missing required value stops
start-up with a ConfigurationError that says which key and how to provide it.
"""

import os
import re
import secrets

from pyramid.exceptions import ConfigurationError
from pyramid.settings import asbool

_ENV_REF = re.compile(r"^\$\{([A-Z0-9_]+)\}$")

# Every portal key, in one place: (parser, default). REQUIRED stops start-up when absent.
REQUIRED = object()


def _mail_choice(value):
    value = str(value).strip().lower()
    if value not in ("smtp", "file", "off"):
        raise ConfigurationError(f"portal.mail must be smtp, file or off, not {value!r}")
    return value


DEFAULTS = {
    "portal.demo": (asbool, False),
    "portal.demo_centers": (lambda v: tuple(v.split()) if isinstance(v, str) else tuple(v), ()),
    "portal.secret": (str, REQUIRED),
    # Where development keeps its secret when the ini names none: a random one is written
    # there (mode 0600) at the first start and read afterwards.
    "portal.secret_file": (str, ""),
    # Production: refuse a secret shorter than SECRET_MIN_BYTES or one the repository holds.
    "portal.strict_secret": (asbool, False),
    "portal.cookie_secure": (asbool, False),
    "portal.theme_dir": (str, ""),
    # Skins (web/skins.py): the names a visitor may choose, the first the default; each a
    # folder with skin.css (and optionally templates/), looked for first in skins_dir.
    "portal.skins": (
        lambda v: tuple(v.split()) if isinstance(v, str) else tuple(v),
        ("blue", "red", "teal", "contrast"),
    ),
    "portal.skins_dir": (str, ""),
    "portal.evolve_on_start": (asbool, True),
    "portal.clock": (str, "ningxia_portal.core.clock.SystemClock"),
    "portal.session_timeout": (int, 7200),
    "portal.session_max_age": (int, 12 * 3600),
    # "argon2" (tuned, production) or "fast" (cheap argon2, for the test suite only).
    "portal.password_hasher": (str, "argon2"),
    # Password hashes/verifications running at once per process (each holds 19 MiB): 0 = no
    # limit. One per core is as fast as more, with a fraction of the memory.
    "portal.password_concurrency": (int, 2),
    # Login throttling (security/counters.py, kept in ZODB): failures allowed per account
    # and address, per address (all accounts), per IPv6 /48 and per account (all
    # addresses) before each further try must wait 2, 4, 8 … seconds after the last failure,
    # at most login_max_delay_minutes; a key quiet for login_forget_minutes starts over.
    "portal.login_free_failures": (int, 5),
    "portal.login_address_free_failures": (int, 50),
    "portal.login_network_free_failures": (int, 500),
    "portal.login_account_free_failures": (int, 500),
    "portal.login_max_delay_minutes": (int, 15),
    "portal.login_forget_minutes": (int, 60),
    # Registrations from one address before the same growing delay applies to the next.
    "portal.register_free_per_address": (int, 5),
    # Staff (admins, editors, reviewers, complaint handlers) without a second factor are
    # sent to enrol from every page; false: a banner asks them. True unless an ini says
    # otherwise, so a site whose ini forgets the key is safe (development.ini says false).
    "portal.require_second_factor": (asbool, True),
    # Case progress lookup (/track): this many misses from one address within the window
    # block its lookups (a hit does not count).
    "portal.track_max_misses": (int, 10),
    "portal.track_window_minutes": (int, 15),
    # ... and this many from one IPv6 /48 (which holds 65,536 /64s).
    "portal.track_network_max_misses": (int, 100),
    # This many misses on one case number within the hours refuse its last-four shortcut
    # (the whole phone is still checked).
    "portal.track_case_max_misses": (int, 10),
    "portal.track_case_window_hours": (int, 24),
    # Largest announcement attachment accepted, in bytes (20 MiB).
    "portal.attachment_max_bytes": (int, 20 * 1024 * 1024),
    # Longest announcement body (Markdown) accepted for preview and save, in characters.
    "portal.markdown_max_chars": (int, 50_000),
    # Bounds of one request (web/limits.py): its body in bytes (production.ini's waitress
    # max_request_body_size refuses more even before), its form fields and files; above
    # one, a 413 page says which.
    "portal.request_max_bytes": (int, 100 * 1024 * 1024),
    "portal.request_max_fields": (int, 4000),
    "portal.request_max_files": (int, 64),
    # Add-ons included after every domain, so they can use the domains' directives
    # (add_item_action, add_home_block …): space-separated dotted names.
    "portal.includes": (lambda v: tuple(v.split()) if isinstance(v, str) else tuple(v), ()),
    # Online filing: upload limits, and how long accepted uploads of an unfinished form are kept.
    "portal.upload_max_bytes": (int, 20 * 1024 * 1024),
    "portal.upload_max_files": (int, 30),
    "portal.upload_stash_hours": (int, 24),
    # What one uploader may hold in that stash at once (entries: upload_max_files).
    "portal.upload_stash_max_bytes": (int, 200 * 1024 * 1024),
    # Appointments (预约): the time slots every department offers unless /manage/appointments/
    # sets its own ("HH:MM-HH:MM", China's time, space-separated), the places of each slot,
    # and how many days ahead a day may be booked (from tomorrow on).
    "portal.appointment_slots": (
        lambda v: tuple(v.split()) if isinstance(v, str) else tuple(v),
        ("09:00-10:00", "10:00-11:00", "11:00-12:00", "14:30-15:30", "15:30-16:30"),
    ),
    "portal.appointment_capacity": (int, 5),
    "portal.appointment_days": (int, 30),
    # Case numbers a process reserves at a time (filings/numbers.py): 1 numbers each case
    # in its own transaction, without gaps (one process); several processes on one database
    # take blocks (e.g. 20), so that their submissions don't conflict on the day's counter.
    "portal.case_number_block": (int, 1),
    # Rendered pages kept for anonymous visitors (web/pagecache.py); 0 turns the cache off.
    "portal.page_cache_entries": (int, 512),
    # Strict-Transport-Security sent with every answer (web/headers.py), e.g.
    # "max-age=31536000; includeSubDomains"; empty (development): none.
    "portal.hsts": (str, ""),
    # glibc malloc arenas of the server process (web/malloc.py): fewer keep less freed
    # memory per thread; 0 = glibc's default (8 per core).
    "portal.malloc_arena_max": (int, 2),
    # Mail to the owners of cases and requests (messages/mail.py): "smtp" through the server
    # of the mail.* settings (pyramid_mailer's), "file" (each mail a file in mail_dir, for
    # development) or "off" (the message box only; an ini that says nothing). smtp needs
    # mail.host and mail.default_sender (production.ini says smtp). A failed delivery is
    # tried mail_retries more times, after 1, 2, 4 … times mail_retry_seconds, then
    # logged. The sender is swapped by mail_sender.
    "portal.mail": (_mail_choice, "off"),
    "portal.mail_dir": (str, "var/mail"),
    "portal.mail_retries": (int, 3),
    "portal.mail_retry_seconds": (float, 2.0),
    # /readyz (web/health.py): how long the storage may take to answer a fresh connection.
    "portal.ready_timeout": (float, 3.0),
    # ningxia-portal-backup's folder (default var/backups beside the ini) and the
    # retention of ningxia-portal-pack (days of object revisions kept).
    "portal.backup_dir": (str, ""),
    "portal.pack_days": (float, 30.0),
    "portal.mail_sender": (str, "ningxia_portal.messages.mail.ThreadedSender"),
}
MAIL_REQUIRED = ("mail.host", "mail.default_sender")

SECRET_MIN_BYTES = 32
# Every secret the repository has ever shipped (ini files, tests, documentation): a
# production start with one of them is refused even when it is long enough. A list in code,
# not a scan of the ini files at start: an installed wheel has no ini files or tests to
# read. tests/unit/test_secret.py checks that every value in the repository is listed here
# or too short.
KNOWN_SECRETS = frozenset(
    {
        "development-only-not-a-secret-5f2b8c",
        "test-secret-not-for-production",
        "wheel-check-not-a-secret",
        "bench-only-not-a-secret-9d41e7",
        "multiprocess-tests-only-not-a-secret-7c1d",
        "x-test-secret",
        "s3cret",
        "from-env",
        "in-ini",
    }
)


def _resolve_env(key, value):
    """Replace a ``${VAR}`` reference by the environment variable, or fail clearly."""
    if isinstance(value, str):
        match = _ENV_REF.match(value.strip())
        if match:
            name = match.group(1)
            if name not in os.environ or not os.environ[name]:
                raise ConfigurationError(
                    f"Setting {key} refers to the environment variable {name}, which is not "
                    f"set. Export {name} before starting the portal."
                )
            return os.environ[name]
    return value


# The only settings an environment variable overrides: what production keeps out of files.
ENVIRONMENT = {
    "portal.secret": "PORTAL_SECRET",
    "zodbconn.uri": "PORTAL_ZODB_URI",
    # The SMTP server and its account (pyramid_mailer's mail.* settings).
    "mail.host": "PORTAL_MAIL_HOST",
    "mail.port": "PORTAL_MAIL_PORT",
    "mail.username": "PORTAL_MAIL_USERNAME",
    "mail.password": "PORTAL_MAIL_PASSWORD",
    "mail.default_sender": "PORTAL_MAIL_SENDER",
}


def load_settings(settings):
    """Return a copy of ``settings`` with every ``portal.`` key resolved and parsed."""
    settings = dict(settings)
    # The portal speaks Chinese unless the ini says en (Pyramid's own default is en).
    settings.setdefault("pyramid.default_locale_name", "zh_CN")
    for key, name in ENVIRONMENT.items():
        if os.environ.get(name):
            settings[key] = os.environ[name]
    for key, value in list(settings.items()):
        settings[key] = _resolve_env(key, value)
    if not settings.get("portal.secret") and settings.get("portal.secret_file"):
        settings["portal.secret"] = _secret_from_file(settings["portal.secret_file"])
    for key, (parse, default) in DEFAULTS.items():
        value = settings.get(key)
        if value is None or value == "":
            if default is REQUIRED:
                how = f" or export {ENVIRONMENT[key]}" if key in ENVIRONMENT else ""
                raise ConfigurationError(
                    f"Required setting {key} is missing: set it in the ini file{how}."
                )
            value = default
        settings[key] = parse(value)
    unknown = sorted(k for k in settings if k.startswith("portal.") and k not in DEFAULTS)
    if unknown:  # a typo in an ini file must not pass silently
        raise ConfigurationError(f"Unknown settings: {', '.join(unknown)}")
    if settings["portal.strict_secret"]:
        _check_secret(settings["portal.secret"])
    if settings["portal.mail"] == "smtp":
        for key in MAIL_REQUIRED:
            if not settings.get(key):
                raise ConfigurationError(
                    f"Required setting {key} is missing: set it in the ini file or export "
                    f"{ENVIRONMENT[key]}, or switch mail off with portal.mail = off."
                )
    return settings


def _secret_from_file(path):
    """The secret kept in ``path``; a new random one written there (0600) when absent."""
    path = os.path.abspath(path)
    try:
        with open(path, encoding="ascii") as found:
            secret = found.read().strip()
        if secret:
            return secret
    except FileNotFoundError:
        pass
    os.makedirs(os.path.dirname(path), exist_ok=True)
    secret = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(secret + "\n")
    return secret


def _check_secret(secret):
    """Refuse a secret anyone could know: short, or one the repository holds."""
    if secret in KNOWN_SECRETS or secret.strip() in KNOWN_SECRETS:
        raise ConfigurationError(
            "portal.secret is a value published in the portal's repository: set PORTAL_SECRET "
            "to a new random value (python3 -c 'import secrets; print(secrets.token_urlsafe(48))')."
        )
    if len(secret.encode("utf-8")) < SECRET_MIN_BYTES:
        raise ConfigurationError(
            f"portal.secret is shorter than {SECRET_MIN_BYTES} bytes: set PORTAL_SECRET to a "
            "random value (python3 -c 'import secrets; print(secrets.token_urlsafe(48))')."
        )
