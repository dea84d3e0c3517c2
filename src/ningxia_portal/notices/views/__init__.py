"""Pages of the notices: the list, a notice (HTML and PDF), the public verification."""

from pyramid.traversal import quote_path_segment

from ningxia_portal.core.root import root_factory
from ningxia_portal.notices import codes


def secret_of(request):
    """The key of the verification codes, kept on ``/notices/``."""
    return root_factory(request)["notices"].secret


def verify_url(request, code):
    """The public address that verifies ``code`` (printed and put in the QR)."""
    return f"{request.application_url}/verify/{quote_path_segment(code)}"


def notice_code(request, filing, kind):
    return codes.code_of(secret_of(request), filing, kind)
