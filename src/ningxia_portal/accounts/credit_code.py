"""The unified social credit code (统一社会信用代码) of GB 32100-2015 and its check character."""

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # values 0–30: no I, O, S, V, Z
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18
_VALUES = {c: i for i, c in enumerate(ALPHABET)}


def normalise(code):
    """Upper case without surrounding blanks: people type codes in lower case too."""
    return (code or "").strip().upper()


def check_character(first17):
    """The 18th character for the first 17: 31 − (Σ value·weight mod 31), 31 → 0."""
    total = sum(_VALUES[c] * w for c, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def problem(code):
    """Why ``code`` (already normalised) is not a valid credit code, or None when it is.

    One of "length", "characters", "check" — the form turns it into a Chinese message.
    """
    if len(code) != LENGTH:
        return "length"
    if any(c not in _VALUES for c in code):
        return "characters"
    if check_character(code[:17]) != code[17]:
        return "check"
    return None


def is_valid(code):
    return problem(normalise(code)) is None
