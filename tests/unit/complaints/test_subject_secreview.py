"""Security review r7: a complaint's subject becomes the subject of the complainant's mail
(complaints/messages.py -> messages/writing.py). The consultation form refuses control
characters (``printable``); the complaint form does not, so a POSTed CR/LF reaches the
mail header: pyramid_mailer raises BadHeaders in the sender thread, which retries it
(1+2+4 x portal.mail_retry_seconds, holding every other mail of the process) and then
logs the raw subject (log forging). FAILS on main."""

from collections import defaultdict

import colander
import pytest
from pyramid_mailer.message import Message

from ningxia_portal.complaints.schemas import complaint_schema

SUBJECT = "窗口态度差\r\nBcc: someone@evil.example"


def subject_node():
    schema = complaint_schema({}, None, {}, defaultdict(lambda: 5), csrf_token="t", translate=str)
    return schema["subject"]


def test_what_a_mail_header_refuses_is_refused_at_the_field():
    with pytest.raises(Exception):  # noqa: B017 - what pyramid_mailer does with it
        Message(subject=SUBJECT, sender="a@b.c", recipients=["d@e.f"], body="x").to_message()
    with pytest.raises(colander.Invalid):
        subject_node().deserialize(SUBJECT)
