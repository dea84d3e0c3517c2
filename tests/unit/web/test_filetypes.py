"""Content detection shared by filings and announcements: ZIP directories are bounded
before they are read (a small file with 200,000 entries used to cost seconds of CPU)."""

import io
import struct
import time
import zipfile

import pytest

from ningxia_portal.web import filetypes
from ningxia_portal.web.filetypes import MAX_ZIP_ENTRIES, detect, zip_directory
from tests.unit.filings import containers as c


def make_zip(names, comment=b""):
    return c.zip_of(names, b"<x/>", comment)


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


# -- containers are judged by what they hold (security review finding 8) --------------------

MACRO_TYPES = (
    b'<Types><Override PartName="/word/document.xml" ContentType="application/'
    b'vnd.ms-word.document.macroEnabled.main+xml"/></Types>'
)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (c.DOC, filetypes.DOC),
        (c.XLS, filetypes.XLS),
        (c.XLS95, filetypes.XLS),  # Excel 5/95 names its stream "Book"
        (c.OLE2_BOOK_EXE, None),  # "Book" in the bytes, no directory: the review's .msi
        (c.MSI, None),  # a real compound file without a Word or Excel stream
        (c.DOC_WITH_MACROS, None),
        (c.OLE2_MAGIC + b"\x00" * 504, None),
    ],
)
def test_ole2_files_need_the_documents_stream_in_their_directory(data, kind):
    assert detect(io.BytesIO(data)) == kind


def test_an_ole2_directory_larger_than_any_document_is_refused(monkeypatch):
    monkeypatch.setattr(filetypes, "MAX_OLE2_ENTRIES", 2)
    assert detect(io.BytesIO(c.DOC)) is None


@pytest.mark.parametrize(
    "extra",
    [
        [("word/vbaProject.bin", b"\x00" * 8)],
        [("xl/vbaProject.bin", b"\x00" * 8)],
        [("word/vbaData.xml", b"<x/>")],
        [("../../evil.exe", c.EXE)],
        [("word/../../evil.txt", b"x")],
        [("/etc/cron.d/x", b"x")],
        [("C:/Windows/x.txt", b"x")],
        [("word/embeddings/setup.exe", b"x")],
        [("word/embeddings/run.bat", b"@echo off")],
        [("word/media/image1.png", c.EXE)],  # an executable dressed as an image
        [("word/embeddings/oleObject1.bin", b"\x7fELF\x02")],
    ],
)
def test_ooxml_carrying_macros_escapes_or_executables_is_refused(extra):
    assert detect(io.BytesIO(c.zip_of([*c.DOCX_PARTS, *extra]))) is None


def test_macro_enabled_content_types_are_refused():
    data = c.zip_of([("[Content_Types].xml", MACRO_TYPES), ("word/document.xml", b"<x/>")])
    assert detect(io.BytesIO(data)) is None


def test_ordinary_parts_pass():
    parts = [
        *c.DOCX_PARTS,
        ("_rels/.rels", b"<Relationships/>"),
        ("word/media/image1.png", b"\x89PNG\r\n\x1a\n"),
        ("word/embeddings/Microsoft_Excel_Worksheet.xlsx", c.zip_of(["[Content_Types].xml"])),
        ("docProps/thumbnail.jpeg", b"\xff\xd8\xff\xe0"),
    ]
    assert detect(io.BytesIO(c.zip_of(parts))) == filetypes.DOCX


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("\u202egnp.pdf", "gnp.pdf"),  # RIGHT-TO-LEFT OVERRIDE: would display "fdp.png"
        ("报告\u2066\u2067\u2068\u2069.pdf", "报告.pdf"),  # isolates
        ("a\u200e\u200f\u202a\u202b\u202c\u202db.pdf", "ab.pdf"),  # marks and embeddings
        ("\ufeff零宽\u200b\u200d.pdf", "零宽.pdf"),  # BOM, zero-width space and joiner
        ("行\u2028段\u2029.pdf", "行段.pdf"),
        ("tab\tnew\nline\x7f.pdf", "tabnewline.pdf"),
        ("营业执照（副本）.pdf", "营业执照（副本）.pdf"),
    ],
)
def test_invisible_characters_leave_file_names(raw, clean):
    assert filetypes.without_invisible(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("../../x.pdf", "x.pdf"),
        ("..\\..\\windows\\x.pdf", "x.pdf"),
        ("C:\\Users\\张三\\Desktop\\通知.pdf", "通知.pdf"),
        ("/etc/passwd/../通知.pdf", "通知.pdf"),
        ("/etc/passwd", "passwd"),
        ("..pdf", "pdf"),
        ("x.pdf.", "x.pdf"),
        ('a<b>"c|d?.pdf', "abcd.pdf"),
        ("new\nline\x00.pdf", "newline.pdf"),
        ("\u202egnp.pdf", "gnp.pdf"),
        ("..", ""),
        ("   ", ""),
    ],
)
def test_file_names_lose_paths_and_unsafe_characters(raw, clean):
    assert filetypes.clean_filename(raw) == clean


def test_an_empty_name_becomes_the_default():
    assert filetypes.clean_filename("..", default="file") == "file"
    assert filetypes.clean_filename(None, default="file") == "file"


@pytest.mark.parametrize("ext", ["pdf", "docx", "jpeg"])
def test_long_names_are_shortened_in_the_stem(ext):
    name = filetypes.clean_filename("长" * 300 + "." + ext)
    assert len(name) == filetypes.MAX_NAME_LENGTH
    assert name == "长" * (filetypes.MAX_NAME_LENGTH - len(ext) - 1) + "." + ext


def test_a_long_name_without_an_extension_is_cut():
    assert filetypes.clean_filename("长" * 300) == "长" * filetypes.MAX_NAME_LENGTH
    # A "suffix" too long to be an extension is not kept either.
    assert len(filetypes.clean_filename("a" * 100 + "." + "b" * 100)) == 120


def zip_bomb(zeros_mib, chunk=b"\x00" * (1024 * 1024)):
    """A real .docx whose one picture is ``zeros_mib`` MiB of zeros, deflated chunk by chunk
    (about a thousand to one: 1 GiB of zeros fits in 1 MB)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
        with z.open("word/media/image1.png", "w", force_zip64=True) as part:
            for _ in range(zeros_mib):
                part.write(chunk)
    return buf.getvalue()


def with_declared_size(data, name, size):
    """``data`` with the central directory saying ``name`` inflates to ``size`` bytes
    (a forged header: the same bomb as far as the directory can tell, built at once)."""
    encoded = name.encode()
    at = data.find(b"PK\x01\x02")
    while data[at + 46 : at + 46 + len(encoded)] != encoded:
        at = data.find(b"PK\x01\x02", at + 4)
    return data[: at + 24] + struct.pack("<L", size) + data[at + 28 :]


def test_a_zip_bomb_is_refused_from_its_directory_without_inflating(monkeypatch):
    bomb = zip_bomb(20)  # 20 MiB of zeros in ~20 KB: a ratio of a thousand
    assert len(bomb) < 100 * 1024
    opened = []
    real_open = zipfile.ZipFile.open

    def recording_open(self, name, *args, **kw):
        opened.append(getattr(name, "filename", name))
        return real_open(self, name, *args, **kw)

    monkeypatch.setattr(zipfile.ZipFile, "open", recording_open)
    started = time.monotonic()
    assert detect(io.BytesIO(bomb)) is None
    assert time.monotonic() - started < 1  # answered at once
    assert opened == []  # refused from the directory alone
    # The same file passes once the ratio allows it: the ratio is what refused it.
    monkeypatch.setattr(filetypes, "MAX_ZIP_RATIO", 10_000)
    assert detect(io.BytesIO(bomb)) == filetypes.DOCX


def test_a_declared_size_above_the_total_bound_is_refused():
    forged = with_declared_size(docx(), "word/document.xml", 0xFFFFFFFF)  # "4 GB" in ~1 KB
    assert zipfile.ZipFile(io.BytesIO(forged)).getinfo("word/document.xml").file_size > 2**31
    assert detect(io.BytesIO(forged)) is None
    assert detect(io.BytesIO(docx())) == filetypes.DOCX


def test_a_total_above_the_bound_is_refused_whatever_the_ratio(monkeypatch):
    monkeypatch.setattr(filetypes, "MAX_ZIP_UNCOMPRESSED", 4 * 1024 * 1024)
    monkeypatch.setattr(filetypes, "MAX_ZIP_RATIO", 10_000)
    assert detect(io.BytesIO(zip_bomb(5))) is None
    assert detect(io.BytesIO(zip_bomb(3))) == filetypes.DOCX


def test_ordinary_compression_passes():
    # Office XML inflates about ten to one: 2 MiB of text from a ~200 KB archive.
    text = "".join(f"<w:p><w:t>第{n}段：政务服务事项办理指南</w:t></w:p>" for n in range(40_000))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", text)
    data = buf.getvalue()
    assert len(text.encode()) > filetypes.MIN_RATIO_CHECKED
    assert len(text.encode()) < filetypes.MAX_ZIP_RATIO * len(data)
    assert detect(io.BytesIO(data)) == filetypes.DOCX
