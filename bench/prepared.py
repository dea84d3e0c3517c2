"""Prepared requests for wrk: built in Python before a page's run, rotated by ``latency.lua``.

Pages that log in or POST can't be a fixed URL: each request needs a session cookie, a CSRF
token that belongs to that session, and a body (a form, or multipart with uploads). Their
``prepare`` function fetches what is needed over HTTP (``bench/sessions.py``) and returns a
list of ``Prepared`` requests; ``requests_file`` turns them into raw HTTP/1.1 requests, framed
``<length>\\n<bytes>``, which ``latency.lua`` reads (``BENCH_REQUESTS_FILE``) and sends in turn,
each wrk thread starting at its own offset. Everything here is pure: no network.
"""

import re
import secrets
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import urlencode, urlsplit

_CSRF = re.compile(
    r"<input[^>]*\bname=\"csrf_token\"[^>]*\bvalue=\"([^\"]+)\"|"
    r"<input[^>]*\bvalue=\"([^\"]+)\"[^>]*\bname=\"csrf_token\""
)


@dataclass(frozen=True)
class Prepared:
    """One request to send: method, path (with query), extra headers and body."""

    method: str
    path: str
    headers: dict = field(default_factory=dict)
    body: bytes = b""


def csrf_token(html):
    """The value of the first ``csrf_token`` hidden input of a page (ValueError if none)."""
    m = _CSRF.search(html)
    if m is None:
        raise ValueError("the page has no csrf_token input")
    return unescape(m.group(1) or m.group(2))


def hidden_inputs(html, form_marker=None):
    """{name: value} of the hidden inputs of a page (of the first form containing
    ``form_marker``, when given): deform's ``__formid__``, ``_charset_``, revision tokens …"""
    if form_marker is not None:
        start = html.find(form_marker)
        if start < 0:
            raise ValueError(f"no {form_marker!r} in the page")
        begin = html.rfind("<form", 0, start)
        end = html.find("</form>", start)
        html = html[begin if begin >= 0 else 0 : end if end >= 0 else len(html)]
    found = {}
    for tag in re.findall(r"<input[^>]*>", html):
        if re.search(r"\btype=\"hidden\"", tag) is None:
            continue
        name = re.search(r"\bname=\"([^\"]*)\"", tag)
        value = re.search(r"\bvalue=\"([^\"]*)\"", tag)
        if name:
            found.setdefault(unescape(name.group(1)), unescape(value.group(1)) if value else "")
    return found


def form_body(fields):
    """An ``application/x-www-form-urlencoded`` body from [(name, value)] or a dict."""
    items = fields.items() if isinstance(fields, dict) else fields
    return urlencode(list(items)).encode("ascii")


def multipart_body(fields, files, boundary=None):
    """(content type, body) of a ``multipart/form-data`` form.

    ``fields``: [(name, value)]; ``files``: [(name, filename, content type, bytes)]. Order is
    kept, which deform's sequences (``__start__``/``__end__`` markers) depend on.
    """
    boundary = boundary or "----bench" + secrets.token_hex(12)
    out = []
    for name, value in fields:
        out.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + str(value).encode("utf-8")
            + b"\r\n"
        )
    for name, filename, ctype, data in files:
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {ctype}\r\n\r\n'
        )
        out.append(head.encode("utf-8") + data + b"\r\n")
    out.append(f"--{boundary}--\r\n".encode())
    return f"multipart/form-data; boundary={boundary}", b"".join(out)


def raw_request(base_url, prepared):
    """The bytes of one HTTP/1.1 request (keep-alive, Content-Length when there is a body)."""
    host = urlsplit(base_url).netloc
    lines = [f"{prepared.method} {prepared.path} HTTP/1.1", f"Host: {host}"]
    for name, value in prepared.headers.items():
        if name.lower() in ("host", "content-length"):
            continue
        lines.append(f"{name}: {value}")
    if prepared.body or prepared.method not in ("GET", "HEAD"):
        lines.append(f"Content-Length: {len(prepared.body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + prepared.body


def requests_file(base_url, prepared):
    """The file ``latency.lua`` rotates through: ``<length>\\n<raw request>`` per request."""
    if not prepared:
        raise ValueError("nothing prepared")
    out = []
    for p in prepared:
        raw = raw_request(base_url, p)
        out.append(f"{len(raw)}\n".encode("ascii") + raw)
    return b"".join(out)


def read_requests_file(data):
    """The raw requests of a ``requests_file`` (what ``latency.lua`` does, for the tests)."""
    found, pos = [], 0
    while pos < len(data):
        nl = data.index(b"\n", pos)
        length = int(data[pos:nl])
        found.append(data[nl + 1 : nl + 1 + length])
        pos = nl + 1 + length
    return found


_FIELD = re.compile(r"<(input|textarea|select)\b([^>]*)>", re.IGNORECASE)


def form_fields(html, form_marker):
    """[(tag or input type, name, value)] of a form's fields in document order, the form
    being the one that contains ``form_marker``. Deform's sequences depend on that order
    (``__start__``/``__end__`` markers around each upload)."""
    start = html.find(form_marker)
    if start < 0:
        raise ValueError(f"no {form_marker!r} in the page")
    begin = html.rfind("<form", 0, start)
    end = html.find("</form>", start)
    form = html[begin if begin >= 0 else 0 : end if end >= 0 else len(html)]
    found = []
    for tag, attrs in _FIELD.findall(form):
        name = re.search(r"\bname=\"([^\"]*)\"", attrs)
        if name is None:
            continue
        kind = tag.lower()
        if kind == "input":
            typ = re.search(r"\btype=\"([^\"]*)\"", attrs)
            kind = typ.group(1).lower() if typ else "text"
        value = re.search(r"\bvalue=\"([^\"]*)\"", attrs)
        found.append((kind, unescape(name.group(1)), unescape(value.group(1)) if value else ""))
    return found


def filled_multipart(fields, values, upload, button):
    """(content type, body) posting ``fields`` (from ``form_fields``) as a browser would:
    ``values`` fill named text fields, every file input gets ``upload`` = (filename, content
    type, bytes), and ``button`` = (name, value) is the pressed submit button. Parts keep the
    form's order, which is what deform's sequence markers need."""
    parts, order = [], []
    for kind, name, value in fields:
        if kind in ("submit", "button", "image", "reset"):
            continue
        if kind == "file":
            order.append(("file", name, None))
        elif kind in ("checkbox", "radio"):
            continue  # unchecked: not sent
        else:
            order.append(("field", name, values.get(name, value)))
    order.append(("field", *button))
    boundary = "----bench" + secrets.token_hex(12)
    for kind, name, value in order:
        if kind == "file":
            _, body = multipart_body([], [(name, *upload)], boundary)
        else:
            _, body = multipart_body([(name, value)], [], boundary)
        parts.append(body[: -len(f"--{boundary}--\r\n")])  # each part without the closing line
    parts.append(f"--{boundary}--\r\n".encode())
    return f"multipart/form-data; boundary={boundary}", b"".join(parts)
