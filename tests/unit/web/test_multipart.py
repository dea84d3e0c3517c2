"""Multipart form bodies: what WebOb's cgi parsing gave, faster (web/multipart.py)."""

import pytest
from bench.prepared import multipart_body
from pyramid.httpexceptions import HTTPBadRequest

from ningxia_portal.web.multipart import PortalRequest

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def post(fields, files=(), order=None):
    ctype, body = multipart_body(fields, files, boundary="----test-boundary")
    return PortalRequest.blank("/apply", method="POST", body=body, content_type=ctype)


def test_fields_and_files_keep_the_order_of_the_body():
    ctype = "multipart/form-data; boundary=b"
    parts = [
        b'--b\r\nContent-Disposition: form-data; name="__start__"\r\n\r\nupload:mapping\r\n',
        b'--b\r\nContent-Disposition: form-data; name="upload"; filename="\xe6\x9d\x90.pdf"\r\n'
        b"Content-Type: application/pdf\r\n\r\n" + PDF + b"\r\n",
        b'--b\r\nContent-Disposition: form-data; name="uid"\r\n\r\n\r\n',
        b'--b\r\nContent-Disposition: form-data; name="__end__"\r\n\r\nupload:mapping\r\n',
        b'--b\r\nContent-Disposition: form-data; name="upload"; filename=""\r\n'
        b"Content-Type: application/octet-stream\r\n\r\n\r\n",
        '--b\r\nContent-Disposition: form-data; name="contact"\r\n\r\n张伟\r\n'.encode(),
        b"--b--\r\n",
    ]
    request = PortalRequest.blank("/apply", method="POST", body=b"".join(parts), content_type=ctype)
    items = list(request.POST.items())
    assert [k for k, _ in items] == ["__start__", "upload", "uid", "__end__", "upload", "contact"]
    upload = items[1][1]
    assert (upload.filename, upload.type, upload.length) == ("材.pdf", "application/pdf", 45)
    assert upload.file.read() == PDF and upload.value == PDF
    assert items[2][1] == "" and items[5][1] == "张伟"
    assert items[4][1] == b""  # an empty file input: deform's "no file"
    assert request.POST is request.POST  # parsed once


def test_a_large_file_is_spooled_and_read_whole():
    big = b"%PDF-1.4\n" + b"x" * 300_000
    request = post([("csrf_token", "t")], [("upload", "大.pdf", "application/pdf", big)])
    upload = request.POST["upload"]
    assert upload.length == len(big) and upload.value == big
    assert request.POST["csrf_token"] == "t"


def test_a_body_it_cannot_read_is_a_bad_request():
    request = PortalRequest.blank(
        "/apply",
        method="POST",
        body=b'--b\r\nContent-Disposition: form-data; name="x"\r\n\r\nno end',
        content_type="multipart/form-data; boundary=b",
    )
    with pytest.raises(HTTPBadRequest):
        request.POST  # noqa: B018
    no_boundary = PortalRequest.blank(
        "/apply", method="POST", body=b"x", content_type="multipart/form-data"
    )
    with pytest.raises(HTTPBadRequest):
        no_boundary.POST  # noqa: B018


def test_other_bodies_are_webobs():
    request = PortalRequest.blank("/login", method="POST", POST={"login": "acme"})
    assert request.POST["login"] == "acme"
