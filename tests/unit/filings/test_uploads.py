"""Uploads are judged by content, size and name, never by what the client claims."""

import io

import pytest

from ningxia_portal.filings.uploads import check_upload, detect_kind
from tests.unit.filings import samples

MB = 1024 * 1024


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (samples.PDF, "pdf"),
        (samples.JPEG, "jpeg"),
        (samples.PNG, "png"),
        (samples.DOC, "doc"),
        (samples.DOCX, "docx"),
        (samples.XLS, "xls"),
        (samples.XLSX, "xlsx"),
        (samples.EXE, None),
        (samples.PLAIN_ZIP, None),
        (samples.MSI, None),
        (b"<html><script>alert(1)</script>", None),
    ],
)
def test_kind_comes_from_the_content(content, kind):
    assert detect_kind(io.BytesIO(content)) == kind


def test_a_good_file_passes():
    assert check_upload(io.BytesIO(samples.PDF), "申请书.pdf", 20 * MB) == ("pdf", len(samples.PDF))


@pytest.mark.parametrize(
    ("content", "name", "words"),
    [
        (b"", "空.pdf", "empty"),
        (samples.PDF + b"0" * MB, "大.pdf", "larger than 1 MB"),
        (samples.EXE, "setup.pdf", "not accepted"),
        (samples.PDF, "申请书.exe", "does not match"),
        (samples.DOCX, "表格.xlsx", "does not match"),
    ],
)
def test_bad_files_are_refused_with_their_name(content, name, words):
    with pytest.raises(ValueError) as exc:
        check_upload(io.BytesIO(content), name, 1 * MB)
    message = exc.value.args[0]
    assert words in message.interpolate() and name in message.interpolate()
