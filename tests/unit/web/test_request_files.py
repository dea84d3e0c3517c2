"""Uploads and spooled request bodies are closed once the request is answered."""

import io
import tempfile
from types import SimpleNamespace

from webob.multidict import MultiDict

from ningxia_portal.web.multipart import closing_request_files


def test_temporary_files_of_a_request_are_closed_after_the_answer():
    # The files the request holds: the test checks that the middleware closes them.
    upload_file = tempfile.TemporaryFile()  # noqa: SIM115
    body = tempfile.TemporaryFile()  # noqa: SIM115
    spooled_input = tempfile.TemporaryFile()  # noqa: SIM115
    kept = io.BytesIO(b"in memory")

    def app(environ, start_response):
        form = MultiDict(
            [("upload", SimpleNamespace(file=upload_file)), ("text", "x"), ("small", kept)]
        )
        environ["webob._parsed_post_vars"] = (form, body)
        environ["wsgi.input"] = spooled_input
        assert not upload_file.closed  # open while the view runs (and retries)
        start_response("200 OK", [])
        return [b"ok"]

    wrapped = closing_request_files(app)
    assert wrapped({}, lambda status, headers: None) == [b"ok"]
    assert upload_file.closed and body.closed and spooled_input.closed
    assert not kept.closed  # not a temporary file: left alone


def test_the_wrapper_passes_the_router_attributes_through():
    router = SimpleNamespace(registry="the registry")
    assert closing_request_files(router).registry == "the registry"
