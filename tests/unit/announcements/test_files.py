"""Attachments are judged by content and extension together; names lose any path."""

import io

import pytest

from ningxia_portal.announcements.files import FileRejected, check_upload, sniff
from tests.unit.announcements import filesamples as s

MB = 1024 * 1024
OOXML = "application/vnd.openxmlformats-officedocument"


def check(name, data, max_bytes=MB):
    return check_upload(name, io.BytesIO(data), len(data), max_bytes)


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("通知.pdf", s.PDF, "application/pdf"),
        ("申请表.docx", s.DOCX, f"{OOXML}.wordprocessingml.document"),
        ("统计表.xlsx", s.XLSX, f"{OOXML}.spreadsheetml.sheet"),
        ("旧版.doc", s.DOC, "application/msword"),
        ("旧表.XLS", s.XLS, "application/vnd.ms-excel"),
        ("图.png", s.PNG, "image/png"),
        ("照片.JPG", s.JPEG, "image/jpeg"),
        ("动图.gif", s.GIF, "image/gif"),
    ],
)  # fmt: skip
def test_accepted_types_get_the_detected_content_type(name, data, content_type):
    clean, kind = check(name, data)
    assert clean == name and kind.content_type == content_type


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("通知.pdf", s.EXE),  # a renamed executable
        ("setup.exe", s.EXE),
        ("表格.xlsx", s.PDF),  # a real PDF with the wrong extension
        ("文档.docx", s.XLSX),
        ("文档.docx", s.plain_zip()),  # a zip that isn't Office Open XML
        ("页面.pdf", s.HTML),
        ("page.html", s.HTML),
        ("noextension", s.PDF),
    ],
)
def test_wrong_content_or_extension_is_refused(name, data):
    with pytest.raises(FileRejected):
        check(name, data)


def test_oversize_and_empty_files_are_refused():
    with pytest.raises(FileRejected) as exc:
        check("大.pdf", s.PDF + b"0" * MB)
    assert exc.value.message.mapping == {"max": "1"}
    with pytest.raises(FileRejected):
        check("空.pdf", b"")


def test_traversal_name_is_accepted_only_as_its_base_name():
    clean, kind = check("../../x.pdf", s.PDF)
    assert clean == "x.pdf" and kind.content_type == "application/pdf"


def test_sniff_rewinds_the_file():
    fp = io.BytesIO(s.DOCX)
    sniff(fp)
    assert fp.tell() == 0
