"""Properties of the credit code check (GB 32100-2015), over generated codes.

31 is prime and no weight is a multiple of it, so the check character catches every
single-character change and every swap of two different neighbours, the check character
included (its own weight is 1).
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from ningxia_portal.accounts.credit_code import (
    ALPHABET,
    LENGTH,
    check_character,
    is_valid,
    normalise,
    problem,
)

FAST = settings(max_examples=200, deadline=None)
first17 = st.text(alphabet=ALPHABET, min_size=17, max_size=17)
valid_codes = first17.map(lambda body: body + check_character(body))
positions = st.integers(min_value=0, max_value=LENGTH - 1)


@FAST
@given(valid_codes)
def test_a_generated_code_is_valid_in_any_case_and_with_blanks(code):
    assert problem(code) is None
    assert is_valid(code) and is_valid(f"  {code.lower()} ")
    assert normalise(f" {code.lower()}\t") == code


@FAST
@given(valid_codes, positions, st.sampled_from(ALPHABET))
def test_any_single_character_change_is_caught(code, position, replacement):
    changed = code[:position] + replacement + code[position + 1 :]
    assert is_valid(changed) == (changed == code)
    if changed != code:
        assert problem(changed) == "check"


@FAST
@given(valid_codes, st.integers(min_value=0, max_value=LENGTH - 2))
def test_swapping_two_different_neighbours_is_caught(code, position):
    a, b = code[position], code[position + 1]
    swapped = code[:position] + b + a + code[position + 2 :]
    assert is_valid(swapped) == (a == b)


@FAST
@given(valid_codes, positions, st.sampled_from("IOSVZ*-中 "))
def test_a_character_outside_the_alphabet_is_named(code, position, bad):
    changed = code[:position] + bad + code[position + 1 :]
    assert problem(normalise(changed)) in ("characters", "length")
    assert not is_valid(changed)


@FAST
@given(st.text(alphabet=ALPHABET, max_size=30).filter(lambda code: len(code) != LENGTH))
def test_any_other_length_is_named(code):
    assert problem(code) == "length" and not is_valid(code)
