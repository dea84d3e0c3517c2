"""A stored file, answered as a download."""

from urllib.parse import quote

from pyramid.httpexceptions import HTTPNotFound
from pyramid.response import FileIter, Response


def stored_file_response(context, request):
    """``…/file/<file id>/<name>``: the object's stored file (``context.get_file``), always
    as an attachment, never sniffed, never cached by others."""
    if not request.subpath:
        raise HTTPNotFound()
    stored = context.get_file(request.subpath[0])
    if stored is None:
        raise HTTPNotFound()
    response = Response(
        app_iter=FileIter(stored.open()),
        content_type=stored.mimetype,
        content_length=stored.size,
    )
    response.headers["Content-Disposition"] = content_disposition(stored.filename)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


def content_disposition(filename):
    """``attachment`` with an ASCII fallback and the RFC 5987 UTF-8 name."""
    ascii_name = "".join(c if 32 <= ord(c) < 127 and c not in '"\\;' else "_" for c in filename)
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"
