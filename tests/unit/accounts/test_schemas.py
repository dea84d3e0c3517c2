import pytest

from ningxia_portal.accounts.schemas import PHONE_RE, password_problem


@pytest.mark.parametrize(
    ("password", "ok"),
    [
        ("abc12", False),  # 5 characters
        ("abc123", True),  # 6
        ("abcdefghij123456789k", True),  # 20
        ("abcdefghij123456789kl", False),  # 21
        ("abcdefgh", False),  # letters only
        ("12345678", False),  # digits only
        ("密码密码12", False),  # Chinese characters are not letters here
        ("Abc 12!#", True),  # other characters are allowed besides both kinds
    ],
)
def test_password_rule(password, ok):
    assert (password_problem(password) is None) is ok


def test_password_messages_say_why():
    assert "${min}" in password_problem("a1")
    assert "letters and digits" in password_problem("abcdefg")


@pytest.mark.parametrize(
    ("phone", "ok"),
    [
        ("13895012345", True),
        ("19912345678", True),
        ("12895012345", False),  # no 12x mobile numbers
        ("1389501234", False),
        ("0951-1234567", True),
        ("09511234567", True),
        ("010-12345678", True),
        ("0951-123", False),
        ("951-1234567", False),
        ("+8613895012345", False),
    ],
)
def test_phone_numbers(phone, ok):
    assert bool(PHONE_RE.match(phone)) is ok
