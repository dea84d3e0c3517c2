"""What an uploaded file *is*, from its content: one detection for every domain that
accepts files (filings' materials, announcements' attachments).

Magic bytes name PDF, PNG, JPEG and GIF. Office files are containers, and a container
may carry anything, so they are opened and judged by what they hold:

- legacy .doc/.xls (OLE2 compound files, as .msi installers are too): the directory is
  parsed (``olefile``) and must hold a ``WordDocument`` or ``Workbook``/``Book`` stream,
  and no VBA macro storage;
- Office Open XML (.docx/.xlsx, ZIPs): the main part must be there, and no macro project,
  macro-enabled content type, absolute or ``..`` entry name, or executable entry; what
  the entries declare they inflate to is bounded, in all and as a ratio (a ZIP bomb).

Both directories are bounded *before* they are read: ``zipfile`` builds one ZipInfo per
entry, so a small file of 200,000 empty entries would cost seconds of CPU and a hundred
MB of memory each time it is checked.
"""

import io
import posixpath
import re
import struct
import unicodedata
import zipfile

import olefile

PDF, JPEG, PNG, GIF = "pdf", "jpeg", "png", "gif"
DOC, DOCX, XLS, XLSX = "doc", "docx", "xls", "xlsx"

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
# A ZIP bomb (a 1 MB .docx holding 1 GB of zeros) is refused from the sizes its directory
# declares, never by inflating it: above this much in all, or inflating more than
# MAX_ZIP_RATIO times the archive's size once past MIN_RATIO_CHECKED (Office's XML
# compresses about 10:1, pictures hardly at all). A part that inflates beyond its declared
# size can't do harm: zipfile stops reading at the declared size.
MAX_ZIP_UNCOMPRESSED = 100 * 1024 * 1024
MAX_ZIP_RATIO = 100
MIN_RATIO_CHECKED = 1024 * 1024

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


# Entries no document needs and an attacker would ship inside one.
EXECUTABLE_EXTENSIONS = frozenset(
    {
        ".exe", ".dll", ".com", ".scr", ".msi", ".msp", ".cpl", ".sys", ".drv", ".ocx",
        ".bat", ".cmd", ".ps1", ".psm1", ".vbs", ".vbe", ".js", ".jse", ".wsf", ".wsh",
        ".hta", ".jar", ".lnk", ".pif", ".reg", ".sh", ".elf", ".dylib", ".so", ".app",
    }
)  # fmt: skip
EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")
MAX_CONTENT_TYPES_BYTES = 256 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")


def _unsafe_entry_name(name):
    """An absolute name, a drive, a ``..`` step or a NUL: meant to land outside the file."""
    if name.startswith(("/", "\\")) or _DRIVE.match(name) or "\x00" in name:
        return True
    return ".." in re.split(r"[/\\]", name)


def _macro_enabled(z):
    """Whether [Content_Types].xml declares macro-enabled parts or a VBA project."""
    info = z.getinfo("[Content_Types].xml")
    if info.file_size > MAX_CONTENT_TYPES_BYTES:
        return True
    with z.open(info) as f:
        declared = f.read(MAX_CONTENT_TYPES_BYTES + 1).lower()
    return b"macroenabled" in declared or b"vbaproject" in declared


def _carries_payload(z, info):
    """A macro project or an executable, by name or by its first bytes."""
    name = info.filename.lower()
    base = posixpath.basename(name)
    if base.startswith("vbaproject") or base == "vbadata.xml":
        return True
    if posixpath.splitext(base)[1] in EXECUTABLE_EXTENSIONS:
        return True
    if info.is_dir() or name.endswith((".xml", ".rels")):
        return False
    with z.open(info) as f:
        return f.read(4).startswith(EXECUTABLE_MAGIC)


def inflates_too_far(z, archive_size):
    """Whether the ZIP's entries declare more than MAX_ZIP_UNCOMPRESSED in all, or more
    than MAX_ZIP_RATIO times ``archive_size`` (read from the directory: nothing inflated)."""
    total = sum(info.file_size for info in z.infolist())
    if total > MAX_ZIP_UNCOMPRESSED:
        return True
    return total > MIN_RATIO_CHECKED and total > MAX_ZIP_RATIO * max(archive_size, 1)


def ooxml_kind(fp):
    """DOCX or XLSX when ``fp`` is a ZIP holding the parts of one and nothing it shouldn't."""
    z = bounded_zip(fp)
    if z is None:
        return None
    try:
        with z:
            if inflates_too_far(z, fp.seek(0, io.SEEK_END)):
                return None
            names = {info.filename for info in z.filelist}
            if "[Content_Types].xml" not in names:
                return None
            if "word/document.xml" in names:
                kind = DOCX
            elif "xl/workbook.xml" in names:
                kind = XLSX
            else:
                return None
            if any(_unsafe_entry_name(name) for name in names) or _macro_enabled(z):
                return None
            if any(_carries_payload(z, info) for info in z.filelist):
                return None
            return kind
    except Exception:  # noqa: BLE001 - corrupt, encrypted, exotic compression: refuse
        return None


# A real .doc/.xls has tens of directory entries; embedded objects add a few hundred.
MAX_OLE2_ENTRIES = 2048
OLE2_MACRO_STORAGES = ("Macros", "_VBA_PROJECT_CUR")


class _TooManyEntries(Exception):
    pass


class _BoundedOleFile(olefile.OleFileIO):
    """olefile's parser, refusing a directory larger than any document has before
    building its tree (the tree is built recursively, one object per entry)."""

    def loaddirectory(self, sect):
        if self._open(sect, force_FAT=True).size // 128 > MAX_OLE2_ENTRIES:
            raise _TooManyEntries()
        super().loaddirectory(sect)


def ole2_kind(fp):
    """DOC or XLS when ``fp`` is a compound file with a Word or Excel stream, else None."""
    fp.seek(0)
    try:
        # Strict: a defect that a real Office file never has refuses the file.
        with _BoundedOleFile(fp, raise_defects=olefile.DEFECT_INCORRECT) as ole:
            if any(ole.exists(name) for name in OLE2_MACRO_STORAGES):
                return None
            if ole.get_type("WordDocument") == olefile.STGTY_STREAM:
                return DOC
            for name in ("Workbook", "Book"):
                if ole.get_type(name) == olefile.STGTY_STREAM:
                    return XLS
            return None
    except Exception:  # noqa: BLE001 - any parse failure (or a hostile loop) means refuse
        return None
    finally:
        fp.seek(0)


def detect(fp):
    """The kind of ``fp``'s content (PDF, PNG, JPEG, GIF, DOC, DOCX, XLS, XLSX), or None.

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
        kind = ole2_kind(fp)
    elif head.startswith(ZIP_MAGIC):
        kind = ooxml_kind(fp)
    fp.seek(0)
    return kind


# Controls (Cc), format characters (Cf: bidi overrides and isolates, zero-width marks),
# surrogates and line/paragraph separators: none belongs in a file name, and U+202E
# makes "‮gnp.pdf" display as "fdp.png".
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def without_invisible(name):
    """``name`` without characters that change how it displays but not what it is."""
    return "".join(ch for ch in name if unicodedata.category(ch) not in _INVISIBLE_CATEGORIES)


MAX_NAME_LENGTH = 120
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"|?*]')


def clean_filename(raw, default=""):
    """The base name of an uploaded file, safe to store, show and send back (or ``default``).

    Browsers on Windows send ``C:\\Users\\…\\通知.pdf``; an attacker sends ``../../x.pdf``;
    both become a plain name, without control, bidi, format or reserved characters and
    without leading or trailing dots. NFC keeps Chinese names comparable. A name longer
    than MAX_NAME_LENGTH is shortened in its stem: the extension is what the content is
    checked against, so it must survive.
    """
    name = unicodedata.normalize("NFC", raw or "")
    name = without_invisible(re.split(r"[\\/]", name)[-1])
    name = _UNSAFE.sub("", name).strip().strip(".").strip()
    if len(name) > MAX_NAME_LENGTH:
        stem, dot, ext = name.rpartition(".")
        if dot and stem and len(ext) <= 8:
            stem = stem[: MAX_NAME_LENGTH - len(ext) - 1].rstrip(" .")
            name = f"{stem}.{ext}"
        else:
            name = name[:MAX_NAME_LENGTH].rstrip(" .")
    return name or default
