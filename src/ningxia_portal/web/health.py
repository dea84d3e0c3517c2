"""Liveness, readiness, and the answer while the storage is away.

- ``/healthz`` (liveness): the process answers. It never touches the storage, so a load
  balancer doesn't restart app processes because the database is away.
- ``/readyz`` (readiness): the storage answered a fresh connection within
  ``portal.ready_timeout`` seconds: 200, else 503 and the balancer sends the traffic
  elsewhere.
- **Any other request while the storage is unreachable** gets a 503 page in the viewer's
  language (or JSON for API clients) with ``Retry-After``, never a traceback or a hung
  request: a ZEO client that knows it is disconnected answers at once, without going in;
  an error raised on the way in (ZEO's ``ClientDisconnected`` after its ``wait_timeout``,
  a PostgreSQL connection refused under RelStorage) ends the same way. When the storage
  returns, the next request is served: ZEO reconnects by itself, RelStorage opens new
  database connections; the app is not restarted.

The tween sits outside everything else (retries, transactions, sessions), so the 503 page
reads nothing that needs the storage: not the account (its language comes from the
``_LOCALE_`` cookie), not the header's centers.
"""

import logging
import threading

import transaction
from markupsafe import escape
from pyramid.response import Response

from ningxia_portal.core.root import get_database
from ningxia_portal.i18n import _
from ningxia_portal.web.errors import wants_json
from ningxia_portal.web.i18n import LANGUAGES

log = logging.getLogger(__name__)

LIVE_PATH = "/healthz"
READY_PATH = "/readyz"
RETRY_AFTER = "30"


def unavailable_errors():
    """The exceptions that mean "the storage can't be reached", of the engines installed."""
    found = []
    try:
        from ZEO.Exceptions import ClientDisconnected

        found.append(ClientDisconnected)
    except ImportError:  # pragma: no cover - ZEO is a dependency
        pass
    try:
        import psycopg2

        found.extend((psycopg2.OperationalError, psycopg2.InterfaceError))
    except ImportError:
        pass
    return tuple(found)


def disconnected(db):
    """True when the storage itself knows it is cut off (a ZEO client): answered from the
    client's own state, without a round trip."""
    is_connected = getattr(db.storage, "is_connected", None)
    return is_connected is not None and not is_connected()


class ReadinessProbe:
    """Opens a fresh connection and loads the root in a thread of its own, waited for at
    most ``timeout`` seconds; one probe runs at a time (a probe still hanging on a storage
    that doesn't answer means "not ready" to the next ones until it ends)."""

    def __init__(self, db, timeout):
        self.db = db
        self.timeout = timeout
        self._running = None
        self._lock = threading.Lock()

    def ready(self):
        if disconnected(self.db):
            return False
        with self._lock:
            if self._running is not None and self._running.is_alive():
                return False
            outcome = {}
            thread = threading.Thread(target=self._probe, args=(outcome,), daemon=True)
            self._running = thread
            thread.start()
        thread.join(self.timeout)
        return outcome.get("ok", False)

    def _probe(self, outcome):
        try:
            conn = self.db.open(transaction_manager=transaction.TransactionManager())
            try:
                conn.root()
            finally:
                conn.close()
            outcome["ok"] = True
        except Exception:  # noqa: BLE001 - any failure of the storage means "not ready"
            log.warning("readiness probe failed", exc_info=True)
            outcome["ok"] = False


def _language(request):
    """The viewer's language without reading their account: the cookie, else the default."""
    name = request.cookies.get("_LOCALE_")
    if name not in LANGUAGES:
        name = request.registry.settings.get("default_locale_name", LANGUAGES[0])
    request._LOCALE_ = name  # the negotiator asks this first (web/i18n.py)
    return name


def unavailable(request):
    """The 503 answer: a page that needs nothing from the storage, or JSON."""
    language = _language(request)
    headers = {"Retry-After": RETRY_AFTER, "Cache-Control": "no-store"}
    if wants_json(request):
        response = Response(json_body={"error": "storage_unavailable", "status": 503}, status=503)
        response.headers.update(headers)
        return response
    t = request.localizer.translate
    title = escape(t(_("The service is temporarily unavailable")))
    text = escape(
        t(
            _(
                "The hall's database can't be reached at the moment. Nothing you sent "
                "before this page was lost. Please try again in a few minutes."
            )
        )
    )
    retry = escape(t(_("Try again")))
    html_lang = "zh-CN" if language == "zh_CN" else "en"
    body = (
        f'<!DOCTYPE html>\n<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n<p>{text}</p>\n"
        f'<p><a href="{escape(request.path_qs)}">{retry}</a></p>\n</main>\n</body>\n</html>\n'
    )
    response = Response(body=body, status=503, content_type="text/html", charset="utf-8")
    response.headers.update(headers)
    return response


def _plain(text, status=200):
    response = Response(text, status=status, content_type="text/plain", charset="utf-8")
    response.headers["Cache-Control"] = "no-store"
    return response


def health_tween_factory(handler, registry):
    db = get_database(registry)
    errors = unavailable_errors()
    probe = ReadinessProbe(db, registry.settings["portal.ready_timeout"])

    def tween(request):
        path = request.path_info
        if path == LIVE_PATH:
            return _plain("ok\n")
        if path == READY_PATH:
            return _plain("ready\n") if probe.ready() else _plain("not ready\n", 503)
        if disconnected(db):
            return unavailable(request)
        try:
            return handler(request)
        except errors:
            log.warning("storage unavailable: %s %s", request.method, path, exc_info=True)
            return unavailable(request)

    return tween


def includeme(config):
    # Inside the security headers' tween, so the 503 page carries them too.
    config.add_tween(
        "ningxia_portal.web.health.health_tween_factory",
        under="ningxia_portal.web.headers.security_headers_tween_factory",
    )
