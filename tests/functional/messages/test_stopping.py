"""A server stopped with SIGTERM (systemd, a deploy) still sends the mails it had queued:
each belongs to a move that was committed and answered (web/stopping.py, messages/mail.py).

The portal runs in a process of its own, as under pserve: it builds the app in its main
thread, queues a mail for an SMTP server that answers slowly, is sent SIGTERM and then
waits as a serving loop would. It must end at once, cleanly, and the mail must arrive."""

import asyncio
import json
import os
import subprocess
import sys
import time

from aiosmtpd.controller import Controller

from tests.functional.messages.conftest import Inbox, SMTPServer, mail_settings

PORTAL = """
import json, os, signal, sys, time
from ningxia_portal import main
from ningxia_portal.messages.mail import build_mail, get_mail_sender
app = main({}, **json.loads(sys.argv[1]))
sender = get_mail_sender(app.registry)
for n in range(3):
    sender.send(build_mail(app.registry, "qiye@example.cn", f"办件 {n} 已受理", "正文"))
os.kill(os.getpid(), signal.SIGTERM)
time.sleep(60)  # serving: the stop ends this
sys.exit(3)
"""


class SlowInbox(Inbox):
    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        await asyncio.sleep(0.3)  # the mails are still queued when the signal comes
        return await super().handle_DATA(server, session, envelope)


def test_a_stopped_server_sends_the_mails_it_had_queued(blob_settings):
    smtp = SMTPServer()
    smtp.inbox = SlowInbox()
    smtp.controller = Controller(smtp.inbox, hostname="127.0.0.1", port=smtp.port)
    smtp.controller.start()
    try:
        settings = mail_settings(blob_settings, smtp)
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-c", PORTAL, json.dumps(settings)],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "PYTHONWARNINGS": "ignore"},
        )
        took = time.monotonic() - started
    finally:
        smtp.stop()
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert took < 30  # the signal ended the wait; it did not run out
    subjects = [str(message["Subject"]) for _rcpt, message in smtp.mails]
    assert subjects == ["办件 0 已受理", "办件 1 已受理", "办件 2 已受理"]
    assert all(rcpt == ["qiye@example.cn"] for rcpt, _message in smtp.mails)
