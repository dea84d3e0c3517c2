"""The complaint form's schema: what it lets through to a mail."""

from collections import defaultdict

import colander
import pytest
from pyramid_mailer.exceptions import BadHeaders
from pyramid_mailer.message import Message

from ningxia_portal.complaints.schemas import complaint_schema

SUBJECT = "窗口态度差\r\nBcc: someone@evil.example"


def subject_node():
    schema = complaint_schema({}, None, {}, defaultdict(lambda: 5), csrf_token="t", translate=str)
    return schema["subject"]


def test_a_line_break_in_the_subject_is_refused_at_the_field():
    with pytest.raises(BadHeaders):  # what a mail header would make of it
        Message(subject=SUBJECT, sender="a@b.c", recipients=["d@e.f"], body="x").to_message()
    for subject in (SUBJECT, "窗口态度差\nBcc: x@evil.example", "态度\x00差"):
        with pytest.raises(colander.Invalid) as refused:
            subject_node().deserialize(subject)
        assert refused.value.messages() == ["Remove the invisible or control characters."]
    assert subject_node().deserialize("  窗口态度差  ") == "窗口态度差"
