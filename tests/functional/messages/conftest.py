"""A real SMTP server on loopback (aiosmtpd) and a portal that mails through it.

``smtp`` collects what arrives (``smtp.mails``: email.message.Message objects) and can be
stopped and started again (a server that is down). Tests wait on the portal's sender
(``mail_sender(app).flush()``), never on the clock.
"""

import email
import email.policy
import socket

import pytest
import webtest
from aiosmtpd.controller import Controller

from ningxia_portal import main
from ningxia_portal.core.root import get_database
from ningxia_portal.messages.mail import get_mail_sender
from tests.functional.filings.support import clear_filings, create_users


class Inbox:
    """aiosmtpd's handler: keeps every mail it accepts."""

    def __init__(self):
        self.mails = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.mails.append((envelope.rcpt_tos, message))
        return "250 OK"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SMTPServer:
    def __init__(self):
        self.inbox = Inbox()
        self.port = free_port()
        self.controller = None

    @property
    def mails(self):
        return self.inbox.mails

    def start(self):
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp():
    server = SMTPServer()
    server.start()
    yield server
    server.stop()


def mail_settings(blob_settings, smtp, **extra):
    return {
        **blob_settings,
        "portal.mail": "smtp",
        "mail.host": "127.0.0.1",
        "mail.port": str(smtp.port),
        "mail.default_sender": "noreply@zwfw.nx.gov.cn",
        "portal.mail_retries": "2",
        "portal.mail_retry_seconds": "0",
        **extra,
    }


@pytest.fixture
def mail_wsgi_app(blob_settings, smtp):
    app = main({}, **mail_settings(blob_settings, smtp))
    clear_filings(app)
    create_users(app)
    yield app
    get_mail_sender(app.registry).close()
    get_database(app.registry).close()


@pytest.fixture
def client(mail_wsgi_app):
    """A new WebTest client per call, each with its own cookies."""
    return lambda: webtest.TestApp(mail_wsgi_app)


def flushed(wsgi_app):
    assert get_mail_sender(wsgi_app.registry).flush(timeout=30)
