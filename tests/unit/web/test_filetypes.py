"""Content detection shared by filings and announcements: ZIP directories are bounded
before they are read (a small file with 200,000 entries used to cost seconds of CPU)."""

import io
import struct
import zipfile

import pytest

from ningxia_portal.web import filetypes
from ningxia_portal.web.filetypes import MAX_ZIP_ENTRIES, detect, zip_directory


def make_zip(names, comment=b""):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name in names:
            z.writestr(name, "<x/>")
        z.comment = comment
    return buf.getvalue()


def docx(extra=0):
    parts = ["[Content_Types].xml", "word/document.xml"]
    return make_zip(parts + [f"word/media/image{n}.png" for n in range(extra)])


def as_zip64(data):
    """The same archive, its end record pointing to ZIP64 records (as large archives do)."""
    eocd_at = data.rfind(b"PK\x05\x06")
    fields = list(struct.unpack("<4s4H2LH", data[eocd_at : eocd_at + 22]))
    entries, size, offset = fields[4], fields[5], fields[6]
    record = struct.pack(
        "<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, entries, entries, size, offset
    )
    locator = struct.pack("<4sLQL", b"PK\x06\x07", 0, eocd_at, 1)
    fields[3] = fields[4] = 0xFFFF
    fields[6] = 0xFFFFFFFF
    return data[:eocd_at] + record + locator + struct.pack("<4s4H2LH", *fields)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.4\n", filetypes.PDF),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 8, filetypes.PNG),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 8, filetypes.JPEG),
        (b"GIF89a" + b"\x00" * 8, filetypes.GIF),
        (docx(), filetypes.DOCX),
        (make_zip(["[Content_Types].xml", "xl/workbook.xml"]), filetypes.XLSX),
        (make_zip(["setup.exe"]), None),
        (b"MZ\x90\x00", None),
        (b"PK\x03\x04 but not a zip", None),
    ],
)
def test_kinds_come_from_the_content(data, kind):
    fp = io.BytesIO(data)
    assert detect(fp) == kind
    assert fp.tell() == 0


def test_the_directory_size_is_read_from_the_end_record():
    data = docx(extra=10)
    entries, size = zip_directory(io.BytesIO(data))
    assert entries == 12 and 0 < size < len(data)
    commented = make_zip(["[Content_Types].xml", "word/document.xml"], comment=b"c" * 3000)
    assert zip_directory(io.BytesIO(commented))[0] == 2
    assert detect(io.BytesIO(commented)) == filetypes.DOCX


def test_a_document_with_many_parts_is_still_recognised():
    assert detect(io.BytesIO(docx(extra=MAX_ZIP_ENTRIES - 2))) == filetypes.DOCX


def test_more_entries_than_the_bound_are_refused_without_reading_them(monkeypatch):
    data = docx(extra=MAX_ZIP_ENTRIES)

    def no_zipfile(*args, **kw):
        raise AssertionError("the directory was read")

    monkeypatch.setattr(filetypes.zipfile, "ZipFile", no_zipfile)
    assert detect(io.BytesIO(data)) is None


def test_an_end_record_that_understates_the_count_is_caught_by_the_parse():
    data = bytearray(docx(extra=MAX_ZIP_ENTRIES))
    eocd_at = data.rfind(b"PK\x05\x06")
    struct.pack_into("<2H", data, eocd_at + 8, 2, 2)  # claims 2 entries
    assert zip_directory(io.BytesIO(bytes(data)))[0] == 2
    assert detect(io.BytesIO(bytes(data))) is None


def test_zip64_end_records_are_followed():
    small = as_zip64(docx())
    assert zip_directory(io.BytesIO(small)) == zip_directory(io.BytesIO(docx()))
    assert detect(io.BytesIO(small)) == filetypes.DOCX
    assert detect(io.BytesIO(as_zip64(docx(extra=MAX_ZIP_ENTRIES)))) is None
