"""The validators and fields the domains' forms share."""

import colander
import pytest

from ningxia_portal.web.schemas import (
    at_most,
    email_node,
    member_of,
    not_blank,
    one_of,
    phone_node,
    text_node,
)


def errors(node, value):
    with pytest.raises(colander.Invalid) as info:
        node.deserialize(value)
    return info.value.asdict()


@pytest.mark.parametrize(
    "phone", ["13800001111", "0951-6031101", "09516031101", "010-12345678-123", " 138 0000 1111 "]
)
def test_mobile_and_landline_numbers_pass(phone):
    assert phone_node("Phone", "Give one.").deserialize(phone) == phone.strip()


@pytest.mark.parametrize("phone", ["12800001111", "1380000111", "951-6031101", "电话", "abc"])
def test_other_phones_are_refused_with_the_rule(phone):
    message = errors(phone_node("Phone", "Give one."), phone)["phone"]
    assert "0951-1234567" in message


def test_phone_missing_message_and_no_strip():
    assert errors(phone_node("Phone", "Give one."), "")["phone"] == "Give one."
    assert phone_node("Phone", preparer=None).deserialize(" 13800001111") == " 13800001111"


def test_text_node_strips_and_bounds():
    node = text_node("subject", "Subject", 3, "Say it.")
    assert node.deserialize("  abc ") == "abc"
    assert errors(node, "   ")["subject"] == "Say it."
    assert errors(node, "abcd")["subject"] == "At most 3 characters."


def test_extra_validators_run_after_the_length():
    def no_x(node, value):
        if "x" in value:
            raise colander.Invalid(node, "no x")

    node = text_node("t", "T", 5, "Say it.", validators=(no_x,))
    assert errors(node, "ax")["t"] == "no x"


def test_email_is_optional_checked_and_bounded():
    node = email_node("Email")
    assert node.deserialize("") == ""
    assert node.deserialize(" a@b.cn ") == "a@b.cn"
    assert errors(node, "not-an-email")["email"] == "Enter a valid email address."
    long = "a" * 250 + "@b.cn"
    assert errors(node, long)["email"] == "At most 254 characters."


def test_choice_validators():
    node = colander.SchemaNode(colander.String(), name="d", validator=member_of({"a": 1}, "no"))
    assert node.deserialize("a") == "a"
    assert errors(node, "b")["d"] == "no"
    none_yet = colander.SchemaNode(colander.String(), name="d", validator=member_of(None, "no"))
    assert errors(none_yet, "a")["d"] == "no"
    pick = colander.SchemaNode(colander.String(), name="c", validator=one_of(["x"], "pick"))
    assert errors(pick, "y")["c"] == "pick"


def test_length_and_blank_messages_may_be_a_forms_own():
    node = colander.SchemaNode(
        colander.String(),
        name="t",
        missing="",
        validator=colander.All(not_blank("empty!"), at_most(2, "too long!")),
    )
    assert errors(node, "abc")["t"] == "too long!"


def test_a_required_comment_is_not_blank_an_optional_one_may_be_empty():
    from ningxia_portal.web.schemas import comment_node

    required = comment_node("Reply", required=True, missing_msg="Write it.", max_length=5, rows=2)
    assert errors(required, "   ")["comment"] == "Write it."
    assert errors(required, "")["comment"] == "Write it."
    assert errors(required, "toolong")["comment"] == "At most 5 characters."
    assert required.deserialize(" ok ") == "ok"
    optional = comment_node("Note", required=False, missing_msg="Write it.", max_length=5, rows=2)
    assert optional.deserialize("") == ""
