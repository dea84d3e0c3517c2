"""Hostile values for a form's fields, and the raw bodies that carry them.

A submission is a list of controls ``(name, value)`` in the form's order; a value is text
(``str``, which may hold lone surrogates: they are sent as the invalid UTF-8 that
``surrogatepass`` makes of them), raw ``bytes`` sent as a text part, or a ``FilePart``.
``mutations(names)`` draws what to do to the valid submission: replace a field's value,
drop it, send it twice, send a file where text belongs (or text where a file does), or
remove/unbalance deform's ``__start__``/``__end__`` markers; ``encode`` builds the body.
"""

from dataclasses import dataclass
from urllib.parse import quote_from_bytes

from hypothesis import strategies as st

BOUNDARY = "fuzzBoundary7MA4YWxk"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass(frozen=True)
class FilePart:
    filename: str
    content: bytes
    content_type: str = "application/octet-stream"


def as_bytes(value):
    if isinstance(value, bytes):
        return value
    return value.encode("utf-8", "surrogatepass")


# Characters no one types but anyone can send: controls, bidi overrides, zero-width
# joiners, combining marks, a BOM, noncharacters, lone surrogates, astral CJK.
ODD = [
    "\x00",
    "\x08",
    "\x1b[31m",
    "\r\n",
    "\t",
    "\x7f",
    "\u202e",
    "\u200f",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "e" + "\u0301" * 50,
    "\ud800",
    "\udfff",
    "𠮷",
    "\U0010ffff",
    "‮宁夏‬",
    "%00",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "${state}",
    "'; DROP TABLE x; --",
]
WRONG_TYPES = [
    "",
    " ",
    "-1",
    "0",
    "1e309",
    "NaN",
    "inf",
    "99999999999999999999999",
    "3.5",
    "2026-02-30",
    "2026-13-01",
    "0000-00-00",
    "99999-01-01",
    "1700000000",
    "25:61",
    "true",
    "null",
    "[]",
    "{}",
    "0x10",
    "١٢٣",
    "１２",
]

odd_text = st.lists(
    st.one_of(
        st.sampled_from(ODD),
        st.text(st.characters(categories=("Cc", "Cf", "Cs", "Co", "Mn", "Zl", "Zp")), max_size=8),
        st.text(max_size=8),
    ),
    min_size=1,
    max_size=6,
).map("".join)
huge_text = st.tuples(
    st.sampled_from(["宁", "a", "\u200b", "e\u0301", "\x00", "𠮷", "[", "<"]),
    st.integers(100_000, 140_000),
).map(lambda t: t[0] * (t[1] // len(t[0])))
invalid_utf8 = st.sampled_from(
    [b"\xff", b"hel\xfflo", b"\xe5\xae", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80"]
)
hostile_value = st.one_of(
    odd_text, huge_text, st.sampled_from(WRONG_TYPES), invalid_utf8, st.text(max_size=40)
)
# A query string is a header line: waitress refuses one over 256 KB before the portal sees
# it, so "huge" there is 20,000 characters (up to 180 KB percent-encoded).
long_query_text = st.tuples(st.sampled_from(["宁", "a", "\u200b", "%"]), st.integers(5_000, 20_000))
hostile_query_value = st.one_of(
    odd_text,
    long_query_text.map(lambda t: t[0] * t[1]),
    st.sampled_from(WRONG_TYPES),
    invalid_utf8,
    st.text(max_size=40),
)
hostile_file = st.builds(
    FilePart,
    filename=st.sampled_from(
        ["a.pdf", "", "..\\..\\x.exe", "\u202egpj.exe", "名" * 300, "\x00.pdf"]
    ),
    content=st.sampled_from([PDF, b"", b"\x00" * 64, b"PK\x03\x04" + b"\x00" * 26]),
    content_type=st.sampled_from(["application/pdf", "text/html", "x/\x7f"]),
)


def _replace(controls, index, value):
    return controls[:index] + [(controls[index][0], value)] + controls[index + 1 :]


@st.composite
def mutated(draw, controls):
    """One hostile submission made from the valid ``controls`` (1 to 3 changes)."""
    controls = list(controls)
    for _ in range(draw(st.integers(1, 3))):
        if not controls:
            break
        index = draw(st.integers(0, len(controls) - 1))
        name = controls[index][0]
        kind = draw(
            st.sampled_from(
                ["value", "value", "value", "drop", "twice", "file", "text-for-file", "markers"]
            )
        )
        if kind == "value":
            controls = _replace(controls, index, draw(hostile_value))
        elif kind == "drop":
            controls = controls[:index] + controls[index + 1 :]
        elif kind == "twice":
            controls.insert(index + 1, (name, draw(hostile_value)))
        elif kind == "file":
            controls = _replace(controls, index, draw(hostile_file))
        elif kind == "text-for-file":
            files = [i for i, (_, v) in enumerate(controls) if isinstance(v, FilePart)]
            if files:
                controls = _replace(controls, draw(st.sampled_from(files)), draw(hostile_value))
            else:  # no file input: a file part under a name of its own
                controls.insert(index, ("upload", draw(hostile_file)))
        else:
            markers = [i for i, (n, _) in enumerate(controls) if n in ("__start__", "__end__")]
            if markers and draw(st.booleans()):
                drop = draw(st.sets(st.sampled_from(markers), min_size=1))
                controls = [c for i, c in enumerate(controls) if i not in drop]
            else:
                marker = draw(st.sampled_from(["__start__", "__end__"]))
                shape = draw(st.sampled_from(["mapping", "sequence", "rename", "bogus", ""]))
                controls.insert(index, (marker, f"{name}:{shape}" if shape else name))
    return controls


def encode(controls, multipart):
    """``(body, content_type)`` of ``controls``; files force a multipart body."""
    if not multipart and not any(isinstance(v, FilePart) for _, v in controls):
        pairs = (
            quote_from_bytes(as_bytes(n)) + "=" + quote_from_bytes(as_bytes(v)) for n, v in controls
        )
        return "&".join(pairs).encode("ascii"), "application/x-www-form-urlencoded"
    chunks = []
    for name, value in controls:
        head = b'Content-Disposition: form-data; name="' + as_bytes(name) + b'"'
        if isinstance(value, FilePart):
            head += b'; filename="' + as_bytes(value.filename).replace(b'"', b"%22") + b'"'
            head += b"\r\nContent-Type: " + value.content_type.encode("latin-1")
            value = value.content
        chunks.append(b"--" + BOUNDARY.encode() + b"\r\n" + head + b"\r\n\r\n")
        chunks.append(as_bytes(value) + b"\r\n")
    body = b"".join(chunks) + b"--" + BOUNDARY.encode() + b"--\r\n"
    return body, f"multipart/form-data; boundary={BOUNDARY}"
