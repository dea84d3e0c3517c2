"""``came_from``: after logging in, go back only to a page of this site."""

from urllib.parse import urlsplit


def safe_came_from(request, value, default=None):
    """An absolute URL on this site for ``value``, or ``default`` (the home page).

    Accepted: a path starting with a single ``/``, or an absolute URL of this very
    scheme and host. Refused: other hosts, ``//evil``, ``javascript:``, backslashes and
    control characters (browsers read ``/\\evil`` as ``//evil``).
    """
    default = default or request.application_url + "/"
    if not isinstance(value, str) or not value or len(value) > 2000:
        return default
    if "\\" in value or any(ord(c) < 0x21 or ord(c) == 0x7F for c in value):
        return default
    try:
        parts = urlsplit(value)
    except ValueError:
        return default
    if parts.scheme or parts.netloc:
        here = urlsplit(request.host_url)
        if (parts.scheme, parts.netloc) != (here.scheme, here.netloc):
            return default
        return value
    if not value.startswith("/") or value.startswith("//"):
        return default
    return request.host_url + value
