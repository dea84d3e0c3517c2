"""``came_from``: after logging in, go back only to a page of this site."""

from urllib.parse import quote, urlsplit


def safe_came_from(request, value, default=None):
    """An absolute URL on this site for ``value``, or ``default`` (the home page).

    Accepted: a path starting with a single ``/``, or an absolute URL of this very
    scheme and host. Refused: other hosts, ``//evil``, ``javascript:``, backslashes and
    control characters (browsers read ``/\\evil`` as ``//evil``). Characters beyond ASCII
    (``/search?q=营业执照``) are percent-encoded as UTF-8, as a browser would: a Location
    header can't hold them, and the redirect (and with it a login) would fail.
    """
    default = default or request.application_url + "/"
    if not isinstance(value, str) or not value or len(value) > 2000:
        return default
    if "\\" in value or any(ord(c) < 0x21 or ord(c) == 0x7F or _surrogate(c) for c in value):
        return default
    try:
        parts = urlsplit(value)
    except ValueError:
        return default
    if parts.scheme or parts.netloc:
        here = urlsplit(request.host_url)
        if (parts.scheme, parts.netloc) != (here.scheme, here.netloc):
            return default
        return _ascii(value)
    if not value.startswith("/") or value.startswith("//"):
        return default
    return request.host_url + _ascii(value)


def _surrogate(c):
    return "\ud800" <= c <= "\udfff"


def _ascii(url):
    """``url`` with every non-ASCII character percent-encoded (UTF-8); the rest as it is."""
    return "".join(c if c.isascii() else quote(c, safe="") for c in url)
