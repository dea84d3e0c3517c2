"""Mail to the owners, behind an interface, sent only after the change is committed.

A move's mail is built in the request and handed over by an after-commit hook: a rolled
back transaction (a move refused later in the request, a conflict that pyramid_retry runs
again) sends nothing, and only the attempt that commits sends its mail. The sender is
chosen by ``portal.mail_sender`` (as the clock by ``portal.clock``), so tests and the
benchmark can swap it; the default, ``ThreadedSender``, delivers from a thread of its own
through pyramid_mailer, so a request never waits for the SMTP server, retries a failed
delivery ``portal.mail_retries`` times with a growing pause, and logs (``log.error``) a
mail it finally gave up on. A failure no retry can fix (a message pyramid_mailer refuses, an
SMTP 5xx answer) is not retried: it is logged once, at once, and the mails behind it are
not held up. A failed mail never touches the change: it was committed first. When the process is
stopped (SIGTERM, ``web/stopping.py``), the mails still queued are delivered before it ends.

A subject is one line: ``build_mail`` turns every line break, tab and control character of
it into a space, so nothing typed by a user can reach a header as a new line.

``portal.mail`` chooses the mailer: ``smtp`` (``mail.host`` … read by pyramid_mailer),
``file`` (each mail a file under ``portal.mail_dir``, for development) or ``off``.
"""

import atexit
import logging
import re
import smtplib
import threading
import unicodedata
from collections import deque

import transaction
from pyramid.path import DottedNameResolver
from pyramid_mailer.exceptions import BadHeaders, InvalidMessage
from pyramid_mailer.mailer import DebugMailer, Mailer, SMTP_SSLMailer
from pyramid_mailer.message import Message

log = logging.getLogger(__name__)

MAIL_OFF = "off"
MAIL_FILE = "file"
MAIL_SMTP = "smtp"


_BARE_LF = re.compile(rb"(?<!\r)\n")


class _LineEnds:
    """What pyramid_mailer's SMTP delivery (repoze.sendmail) lacks: it hands smtplib the
    message as bytes with bare LF line ends, which smtplib sends unchanged and strict
    servers refuse (RFC 5321 wants CRLF; aiosmtpd answers "Line too long"); and a refused
    message leaves the connection open. Here the ends become CRLF and a failed send closes."""

    def sendmail(self, from_addr, to_addrs, msg, *args, **kw):
        if isinstance(msg, bytes):
            msg = _BARE_LF.sub(b"\r\n", msg)
        try:
            return super().sendmail(from_addr, to_addrs, msg, *args, **kw)
        except Exception:
            self.close()
            raise


class _SMTP(_LineEnds, smtplib.SMTP):
    pass


class _SMTP_SSL(_LineEnds, smtplib.SMTP_SSL):  # noqa: N801 - after smtplib's name
    pass


def make_mailer(settings):
    """The pyramid_mailer mailer ``portal.mail`` names, or None when mail is off."""
    kind = settings["portal.mail"]
    if kind == MAIL_OFF:
        return None
    if kind == MAIL_FILE:
        return DebugMailer(settings["portal.mail_dir"])
    mailer = Mailer.from_settings(settings, "mail.")
    # mail.ssl: pyramid_mailer's SSL mailer connects through ``smtp``; plain (and
    # STARTTLS with mail.tls) through ``smtp``, or ``smtp_ssl`` for repoze's own SSL.
    ssl = isinstance(mailer.smtp_mailer, SMTP_SSLMailer)
    mailer.smtp_mailer.smtp = _SMTP_SSL if ssl else _SMTP
    mailer.smtp_mailer.smtp_ssl = _SMTP_SSL
    return mailer


class ThreadedSender:
    """Delivers mails one after another from a daemon thread, started with the first mail.

    ``send`` only queues; ``flush`` waits until every queued mail was delivered or given
    up (tests and scripts wait on it, never on the clock).
    """

    def __init__(self, mailer, retries=3, retry_seconds=2.0):
        self.mailer = mailer
        self.retries = retries
        self.retry_seconds = retry_seconds
        self._queue = deque()
        self._busy = 0  # queued or being delivered
        self._lock = threading.Condition()
        self._thread = None
        self._closing = threading.Event()
        self.delivered = 0
        self.failed = 0

    def send(self, message):
        with self._lock:
            self._queue.append(message)
            self._busy += 1
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="portal-mail", daemon=True)
                self._thread.start()
            self._lock.notify_all()

    def flush(self, timeout=30):
        """Wait until nothing is queued or being delivered; False if ``timeout`` ran out."""
        with self._lock:
            return self._lock.wait_for(lambda: self._busy == 0, timeout)

    def close(self):
        self._closing.set()
        with self._lock:
            self._lock.notify_all()

    def shutdown(self, timeout=10):
        """At the process's end: deliver what is queued (no pause between retries), for
        ``timeout`` seconds at most; True when nothing was left. A mail queued is one whose
        change was committed and answered: stopping the process must not drop it."""
        self.close()  # cuts the pauses; the thread still delivers what is queued
        return self.flush(timeout)

    def _run(self):
        while True:
            with self._lock:
                self._lock.wait_for(lambda: self._queue or self._closing.is_set())
                if not self._queue:
                    return
                message = self._queue.popleft()
            try:
                self._deliver(message)
            finally:
                with self._lock:
                    self._busy -= 1
                    self._lock.notify_all()

    def _deliver(self, message):
        for attempt in range(self.retries + 1):
            try:
                self.mailer.send_immediately(message, fail_silently=False)
            except Exception as error:  # noqa: BLE001 - retried unless hopeless, then logged
                if attempt < self.retries and not hopeless(error):
                    log.warning(
                        "mail to %s failed (%s), retrying", ", ".join(message.recipients), error
                    )
                    # A pause that grows: 1, 2, 4 … times retry_seconds (close() cuts it).
                    self._closing.wait(self.retry_seconds * 2**attempt)
                    continue
                self.failed += 1
                log.error(
                    "mail to %s not delivered after %d attempts: %s (subject: %r)",
                    ", ".join(message.recipients),
                    attempt + 1,
                    error,
                    message.subject,
                )
                return
            self.delivered += 1
            return


def hopeless(error):
    """Whether sending the same message again cannot succeed: pyramid_mailer refuses it
    (bad headers, no sender), it cannot be encoded, or the server answered 5xx."""
    if isinstance(error, BadHeaders | InvalidMessage | ValueError | TypeError):
        return True
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _message in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


class NoSender:
    """Mail switched off (``portal.mail = off``): nothing is sent."""

    def send(self, message):
        pass

    def flush(self, timeout=None):
        return True

    def close(self):
        pass

    def shutdown(self, timeout=None):
        return True


def get_mail_sender(registry):
    """The sender the settings chose, made once per application (None: mail is off)."""
    sender = getattr(registry, "portal_mail_sender", None)
    if sender is None:
        settings = registry.settings
        mailer = make_mailer(settings)
        if mailer is None:
            sender = NoSender()
        else:
            factory = DottedNameResolver().maybe_resolve(settings["portal.mail_sender"])
            sender = factory(
                mailer, settings["portal.mail_retries"], settings["portal.mail_retry_seconds"]
            )
        registry.portal_mail_sender = sender
        shutdown = getattr(sender, "shutdown", None)
        if shutdown is not None:
            atexit.register(shutdown)  # a stopped server (web/stopping.py) sends its queue
    return sender


def mail_enabled(registry):
    return registry.settings["portal.mail"] != MAIL_OFF


def one_line(text):
    """``text`` with line breaks, tabs and control characters as single spaces."""
    text = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)
    return " ".join(text.split())


def build_mail(registry, to, subject, body):
    return Message(
        subject=one_line(subject),
        sender=registry.settings.get("mail.default_sender") or None,
        recipients=[to],
        body=body,
    )


def send_after_commit(registry, message, tx=None):
    """Hand ``message`` to the sender once the current transaction committed, and only then."""
    tx = tx or transaction.get()
    tx.addAfterCommitHook(_after_commit, args=(registry, message))


def _after_commit(status, registry, message):
    if not status:
        return  # the change did not happen: neither does its mail
    try:
        get_mail_sender(registry).send(message)
    except Exception:  # noqa: BLE001 - the change is committed; a mail must not undo the answer
        log.exception("mail to %s could not be queued", ", ".join(message.recipients))
