"""What an uploaded file *is*, from its content: one detection for every domain that
accepts files (filings' materials, announcements' attachments).

Magic bytes name PDF, PNG, JPEG and GIF; Office Open XML (.docx/.xlsx) is a ZIP whose
parts say which document it is. A ZIP's central directory is bounded *before* it is
read: ``zipfile`` builds one ZipInfo per entry, so a small file of 200,000 empty entries
would cost seconds of CPU and a hundred MB of memory each time it is checked.
"""

import io
import struct
import zipfile

PDF, JPEG, PNG, GIF = "pdf", "jpeg", "png", "gif"
DOC, DOCX, XLS, XLSX = "doc", "docx", "xls", "xlsx"
OLE2 = "ole2"  # a Compound File Binary container (legacy .doc/.xls, but also .msi …)

CONTENT_TYPES = {
    PDF: "application/pdf",
    JPEG: "image/jpeg",
    PNG: "image/png",
    GIF: "image/gif",
    DOC: "application/msword",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLS: "application/vnd.ms-excel",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EXTENSIONS = {
    PDF: (".pdf",),
    JPEG: (".jpg", ".jpeg"),
    PNG: (".png",),
    GIF: (".gif",),
    DOC: (".doc",),
    DOCX: (".docx",),
    XLS: (".xls",),
    XLSX: (".xlsx",),
}

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

# Real documents have a few dozen parts; 2,000 leaves room for image-heavy ones.
MAX_ZIP_ENTRIES = 2000
MAX_ZIP_DIRECTORY_BYTES = 512 * 1024

_EOCD = b"PK\x05\x06"
_EOCD_FORMAT = "<4s4H2LH"  # signature, disks, entries here, entries, size, offset, comment
_EOCD_SIZE = struct.calcsize(_EOCD_FORMAT)
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_LOCATOR_FORMAT = "<4sLQL"
_ZIP64_EOCD = b"PK\x06\x06"
_ZIP64_EOCD_FORMAT = "<4sQ2H2L4Q"


def zip_directory(fp):
    """(entries, directory bytes) from a ZIP's end-of-central-directory record, or None.

    Reads at most the last 64 KiB (the record plus the longest comment), as ``zipfile``
    does to find it, and follows a ZIP64 locator to the 64-bit counts.
    """
    fp.seek(0, io.SEEK_END)
    size = fp.tell()
    tail_size = min(size, _EOCD_SIZE + 0xFFFF)
    fp.seek(size - tail_size)
    tail = fp.read(tail_size)
    pos = tail.rfind(_EOCD)
    if pos < 0 or len(tail) - pos < _EOCD_SIZE:
        return None
    fields = struct.unpack(_EOCD_FORMAT, tail[pos : pos + _EOCD_SIZE])
    entries, dir_size, dir_offset = fields[4], fields[5], fields[6]
    if entries != 0xFFFF and dir_size != 0xFFFFFFFF and dir_offset != 0xFFFFFFFF:
        return entries, dir_size
    # ZIP64: the locator sits right before the record and points to the 64-bit record.
    locator_size = struct.calcsize(_ZIP64_LOCATOR_FORMAT)
    eocd_at = size - tail_size + pos
    if eocd_at < locator_size:
        return None
    fp.seek(eocd_at - locator_size)
    sig, _disk, record_at, _disks = struct.unpack(_ZIP64_LOCATOR_FORMAT, fp.read(locator_size))
    record_size = struct.calcsize(_ZIP64_EOCD_FORMAT)
    if sig != _ZIP64_LOCATOR or record_at + record_size > size:
        return None
    fp.seek(record_at)
    record = struct.unpack(_ZIP64_EOCD_FORMAT, fp.read(record_size))
    if record[0] != _ZIP64_EOCD:
        return None
    return record[7], record[8]


def bounded_zip(fp):
    """An open ZipFile of ``fp`` when its directory is small enough to read, else None."""
    try:
        directory = zip_directory(fp)
        if directory is None:
            return None
        entries, dir_size = directory
        if entries > MAX_ZIP_ENTRIES or dir_size > MAX_ZIP_DIRECTORY_BYTES:
            return None
        fp.seek(0)
        z = zipfile.ZipFile(fp)
    except (zipfile.BadZipFile, OSError, ValueError, struct.error, EOFError):
        return None
    if len(z.filelist) > MAX_ZIP_ENTRIES:  # the record's count may lie; the parse can't
        z.close()
        return None
    return z


def ooxml_kind(fp):
    """DOCX or XLSX when ``fp`` is a ZIP holding the parts that make one, else None."""
    z = bounded_zip(fp)
    if z is None:
        return None
    with z:
        names = {info.filename for info in z.filelist}
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return None


def detect(fp):
    """The kind of ``fp``'s content (PDF … XLSX, or OLE2 for a compound file), or None.

    Leaves ``fp`` at its start.
    """
    fp.seek(0)
    head = fp.read(16)
    kind = None
    if head.startswith(b"%PDF-"):
        kind = PDF
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = PNG
    elif head.startswith(b"\xff\xd8\xff"):
        kind = JPEG
    elif head.startswith((b"GIF87a", b"GIF89a")):
        kind = GIF
    elif head.startswith(OLE2_MAGIC):
        kind = OLE2
    elif head.startswith(ZIP_MAGIC):
        kind = ooxml_kind(fp)
    fp.seek(0)
    return kind
