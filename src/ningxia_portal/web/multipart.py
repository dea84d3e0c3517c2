"""Form bodies with files (``multipart/form-data``) read by the ``multipart`` library.

WebOb reads them with the standard library's ``cgi.FieldStorage``, which runs the e-mail
parser over every part: ~0.9 ms for the apply form's ~40 parts (six uploads, each wrapped
in deform's ``__start__``/``__end__`` markers), a tenth of what a whole submission costs.
``multipart`` (a maintained, dependency-free parser; ``cgi`` is gone from Python 3.13)
reads the same body in ~0.15 ms. The result is what WebOb would have made: one MultiDict
in the body's order (deform's sequences depend on it), text as ``str``, a file as an
object with ``file``, ``filename``, ``type`` and ``length`` like cgi's; a file input left
empty is ``b""`` (what deform takes for "no file"). A body it can't read is answered 400.
"""

import multipart
from pyramid.httpexceptions import HTTPBadRequest
from pyramid.request import Request
from webob.multidict import MultiDict


class UnreadableForm(HTTPBadRequest):
    """A form body that isn't valid multipart (an upload cut short, a forged request)."""


# Parts of one body: deform sends ~6 per upload slot; 30 files and their markers fit.
PART_LIMIT = 4096


class Upload:
    """One uploaded file, as deform's widgets read WebOb's ``cgi.FieldStorage``."""

    def __init__(self, part):
        self.name = part.name
        self.filename = part.filename
        self.file = part.file
        self.type = part.content_type
        self.length = part.size
        self.headers = part.headers

    @property
    def value(self):
        self.file.seek(0)
        return self.file.read()

    def __repr__(self):
        return f"Upload({self.name!r}, {self.filename!r}, {self.length} bytes)"

    def __del__(self):
        # As cgi.FieldStorage does: the parsed body lives in the WSGI environ (a replay by
        # pyramid_retry reads it again), so the file closes when the environ goes.
        self.file.close()


def parse(request):
    """The MultiDict of a multipart body, in the order of its parts."""
    _, options = multipart.parse_options_header(request.environ.get("CONTENT_TYPE", ""))
    boundary = options.get("boundary")
    if not boundary:
        raise UnreadableForm("multipart/form-data without a boundary")
    request.make_body_seekable()
    body = request.body_file_raw
    body.seek(0)
    found = MultiDict()
    try:
        parser = multipart.MultipartParser(
            body, boundary, request.content_length or -1, part_limit=PART_LIMIT
        )
        for part in parser:
            if part.filename:
                found.add(part.name, Upload(part))
            elif part.filename is not None:  # a file input left empty: bytes, as cgi's
                found.add(part.name, part.raw)
            else:
                found.add(part.name, part.value)
    except multipart.MultipartError as exc:
        raise UnreadableForm(f"unreadable form body: {exc}") from None
    return found


class PortalRequest(Request):
    """Pyramid's request, reading multipart form bodies with ``parse``."""

    @property
    def POST(self):  # noqa: N802 - WebOb's name
        env = self.environ
        if (
            self.method == "POST"
            and self.content_type == "multipart/form-data"
            and "webob._parsed_post_vars" not in env
        ):
            try:
                found = parse(self)
            except UnreadableForm:
                # The error page (its search box reads request.params) sees an empty form.
                env["webob._parsed_post_vars"] = (MultiDict(), self.body_file_raw)
                raise
            env["webob._parsed_post_vars"] = (found, self.body_file_raw)
        return super().POST
