"""Form bodies with files (``multipart/form-data``) read by the ``multipart`` library.

WebOb reads them with the standard library's ``cgi.FieldStorage``, which runs the e-mail
parser over every part: ~0.9 ms for the apply form's ~40 parts (six uploads, each wrapped
in deform's ``__start__``/``__end__`` markers), a tenth of what a whole submission costs.
``multipart`` (a maintained, dependency-free parser; ``cgi`` is gone from Python 3.13)
reads the same body in ~0.15 ms. The result is what WebOb would have made: one MultiDict
in the body's order (deform's sequences depend on it), text as ``str``, a file as an
object with ``file``, ``filename``, ``type`` and ``length`` like cgi's; a file input left
empty is ``b""`` (what deform takes for "no file"). A body it can't read is answered 400,
and so is one no page of ours sends: a file for a field that is text (only deform's file
widgets send files, all as ``upload``), or text that isn't UTF-8 (nor the part's charset).
"""

import multipart
from pyramid.httpexceptions import HTTPBadRequest
from pyramid.request import Request
from webob.multidict import MultiDict

from ningxia_portal.web.limits import (
    FIELDS,
    FILES,
    RequestTooLarge,
    check_urlencoded,
    request_limits,
)


class UnreadableForm(HTTPBadRequest):
    """A form body that can't be read (an upload cut short) or that no page of ours sends
    (a forged request): answered 400, nothing saved."""


# Parts of one body: deform sends ~6 per upload slot; 30 files and their markers fit.
PART_LIMIT = 4096
# The name of every file input of the portal: deform's FileUploadWidget (and ours, in
# filings/uploads.py) name theirs "upload". A file sent under any other name would reach
# code that expects text (the CSRF check, a colander String, ``.strip()``).
FILE_INPUTS = frozenset({"upload"})


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
    _bytes, max_fields, max_files = request_limits(request)
    files = 0
    try:
        parser = multipart.MultipartParser(
            body, boundary, request.content_length or -1, part_limit=max(PART_LIMIT, max_fields)
        )
        for part in parser:
            if len(found) >= max_fields:
                part.close()
                raise RequestTooLarge(FIELDS, max_fields)
            if part.filename is not None and part.name not in FILE_INPUTS:
                part.close()
                raise UnreadableForm(f"a file sent for the text field {part.name!r}")
            if part.filename:
                files += 1
                if files > max_files:
                    part.close()
                    raise RequestTooLarge(FILES, max_files)
                found.add(part.name, Upload(part))
            elif part.filename is not None:  # a file input left empty: bytes, as cgi's
                found.add(part.name, part.raw)
                part.file.close()
            else:
                # A text part over 64 KB is spooled to a temporary file: closed once read.
                try:
                    found.add(part.name, part.value)
                finally:
                    part.file.close()
    except multipart.MultipartError as exc:
        raise UnreadableForm(f"unreadable form body: {exc}") from None
    except (UnicodeDecodeError, LookupError):  # not UTF-8, or an unknown charset
        raise UnreadableForm(f"undecodable text in the form field {part.name!r}") from None
    return found


def _temporary(f):
    """An anonymous temporary file (its name is a descriptor number), not a socket stream."""
    return isinstance(getattr(f, "name", None), int)


class closing_request_files:  # noqa: N801 - used like a function: wraps the WSGI app
    """WSGI middleware: close a request's uploads and spooled body once it is answered.

    A large body is copied into a temporary file (WebOb's ``make_body_seekable``) and large
    parts are spooled to temporary files; they stay open for pyramid_retry's replays of the
    same environ, so they can only be closed after the last attempt, here. Without this,
    the garbage collector closed them at some later moment (a ResourceWarning, and an open
    descriptor per upload until then). Other attributes are the wrapped app's (the
    router's ``registry``).
    """

    def __init__(self, app):
        self.app = app

    def __getattr__(self, name):
        return getattr(self.app, name)

    def __call__(self, environ, start_response):
        try:
            return self.app(environ, start_response)
        finally:
            parsed = environ.get("webob._parsed_post_vars")
            if parsed is not None:
                form, body = parsed
                for value in form.values():
                    file = getattr(value, "file", None)
                    if file is not None and _temporary(file):
                        file.close()
                if _temporary(body):
                    body.close()
            body = environ.get("wsgi.input")
            if _temporary(body):
                body.close()


class PortalRequest(Request):
    """Pyramid's request, reading multipart form bodies with ``parse``."""

    @property
    def POST(self):  # noqa: N802 - WebOb's name
        env = self.environ
        if self.method == "POST" and "webob._parsed_post_vars" not in env:
            try:
                if self.content_type == "multipart/form-data":
                    found = parse(self)
                else:
                    if self.content_type == "application/x-www-form-urlencoded":
                        check_urlencoded(self)
                    return super().POST
            except (UnreadableForm, RequestTooLarge):
                # The error page (its search box reads request.params) sees an empty form.
                env["webob._parsed_post_vars"] = (MultiDict(), self.body_file_raw)
                raise
            env["webob._parsed_post_vars"] = (found, self.body_file_raw)
        return super().POST
