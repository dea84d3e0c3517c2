"""Mail building and delivery (messages/mail.py): one-line subjects, no hopeless retries."""

import logging
import smtplib
from types import SimpleNamespace

import pytest
from pyramid_mailer.exceptions import BadHeaders
from pyramid_mailer.message import Message

from ningxia_portal.messages import mail

REGISTRY = SimpleNamespace(settings={"mail.default_sender": "portal@example.cn"})


def test_a_subject_never_carries_a_line_break_into_a_header():
    message = mail.build_mail(
        REGISTRY, "acme@example.cn", "窗口态度差\r\nBcc: someone@evil.example\t\x00!", "正文"
    )
    assert message.subject == "窗口态度差 Bcc: someone@evil.example !"
    headers = message.to_message()
    assert headers["Subject"] and "Bcc" not in headers


class Mailer:
    """Fails every send with ``error``, counting the tries."""

    def __init__(self, error):
        self.error, self.tries = error, 0

    def send_immediately(self, message, fail_silently=False):
        self.tries += 1
        raise self.error


def deliver(error, caplog, retries=3):
    mailer = Mailer(error)
    sender = mail.ThreadedSender(mailer, retries=retries, retry_seconds=0)
    caplog.set_level(logging.WARNING, logger="ningxia_portal.messages.mail")
    message = Message(subject="标题", sender="a@b.c", recipients=["acme@example.cn"], body="x")
    sender.send(message)
    assert sender.flush()
    sender.close()
    return mailer.tries, [r.levelname for r in caplog.records], sender.failed


@pytest.mark.parametrize(
    "error",
    [
        BadHeaders(),
        smtplib.SMTPRecipientsRefused({"acme@example.cn": (550, b"no such user")}),
        smtplib.SMTPDataError(554, b"rejected"),
    ],
)
def test_a_failure_no_retry_can_fix_is_logged_once_and_not_retried(error, caplog):
    assert deliver(error, caplog) == (1, ["ERROR"], 1)


def test_a_failure_that_may_pass_is_retried_then_given_up(caplog):
    error = smtplib.SMTPDataError(451, b"try again later")
    assert deliver(error, caplog, retries=2) == (3, ["WARNING", "WARNING", "ERROR"], 1)
    caplog.clear()
    assert deliver(ConnectionRefusedError(), caplog, retries=1) == (2, ["WARNING", "ERROR"], 1)


def test_shutdown_delivers_the_queue_without_the_pauses_between_retries(caplog):
    """A failing mail retried after a pause of an hour, three good ones behind it: the
    stop cuts the pause, tries once more, and delivers the rest before it returns."""
    sent = []

    class Flaky:
        def send_immediately(self, message, fail_silently=False):
            if message.subject == "坏" and not sender._closing.is_set():
                raise smtplib.SMTPDataError(451, b"try again later")
            sent.append(message.subject)

    sender = mail.ThreadedSender(Flaky(), retries=3, retry_seconds=3600)
    caplog.set_level(logging.WARNING, logger="ningxia_portal.messages.mail")
    for subject in ("坏", "一", "二", "三"):
        sender.send(Message(subject=subject, sender="a@b.c", recipients=["x@y.cn"], body="x"))
    assert sender.shutdown(timeout=10)
    assert sent == ["坏", "一", "二", "三"] and sender.delivered == 4


def test_the_off_sender_has_nothing_to_deliver_at_a_stop():
    assert mail.NoSender().shutdown() is True
