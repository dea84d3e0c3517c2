"""The SMTP server a mail-on page of `make bench` sends to: aiosmtpd on loopback, in the
runner's process, keeping what arrives.

During the run it only stores each mail's recipients and raw bytes (parsing them would take
the machine's time from the server measured); ``cases`` reads them afterwards: which case
each mail is about (the case link in its body) and to whom it went. ``wait_for_case`` waits,
on the arrival of mails, until one about a given case came in.
"""

import email
import email.policy
import re
import threading

from bench.server import free_port

CASE_LINK = re.compile(r"https?://[^/\s]+(/filings/[^\s/]+/)")


def case_of(content):
    """The case path (``/filings/<case>/``) a mail's text links to, or None."""
    message = email.message_from_bytes(content, policy=email.policy.default)
    body = message.get_body(preferencelist=("plain",))
    found = CASE_LINK.search(body.get_content() if body is not None else "")
    return found.group(1) if found else None


class Inbox:
    """aiosmtpd's handler: every accepted mail as (recipients, raw bytes)."""

    def __init__(self):
        self.mails = []
        self.arrived = threading.Condition()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        with self.arrived:
            self.mails.append((tuple(envelope.rcpt_tos), envelope.content))
            self.arrived.notify_all()
        return "250 OK"


class MailSink:
    """``with MailSink() as sink``: an SMTP server on 127.0.0.1:``sink.port``."""

    host = "127.0.0.1"

    def __init__(self, port=None):
        self.port = port or free_port()
        self.inbox = Inbox()
        self.controller = None

    def start(self):
        from aiosmtpd.controller import Controller  # make bench installs it (bench extra)

        self.controller = Controller(self.inbox, hostname=self.host, port=self.port)
        self.controller.start()
        return self

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    @property
    def count(self):
        with self.inbox.arrived:
            return len(self.inbox.mails)

    def cases(self):
        """[(case path or None, recipients)] of every mail received, in arrival order."""
        with self.inbox.arrived:
            mails = list(self.inbox.mails)
        return [(case_of(content), rcpt) for rcpt, content in mails]

    def wait_for_case(self, path, timeout):
        """Wait until a mail about the case ``path`` arrived; False if ``timeout`` ran out."""
        seen = 0

        def arrived():
            nonlocal seen
            mails = self.inbox.mails
            while seen < len(mails):
                seen += 1
                if case_of(mails[seen - 1][1]) == path:
                    return True
            return False

        with self.inbox.arrived:
            return self.inbox.arrived.wait_for(arrived, timeout)
