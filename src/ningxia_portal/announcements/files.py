"""Attachment checks: the type comes from the file's content, the name loses any path.

An attachment is accepted only when its first bytes (and, for Office Open XML, the parts
inside the zip) say it is a PDF, a Word or Excel document or an image, *and* its extension
is one that type uses. A renamed executable (``setup.exe`` → ``通知.pdf``) fails the first
test; a PDF named ``表格.xlsx`` fails the second. The content type sent on download is the
detected one, never the browser's claim.
"""

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from ningxia_portal.i18n import _

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.xls (Compound File Binary)


@dataclass(frozen=True)
class FileKind:
    label: str
    content_type: str
    extensions: tuple


PDF = FileKind("PDF", "application/pdf", (".pdf",))
DOCX = FileKind(
    "Word",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (".docx",),
)
XLSX = FileKind(
    "Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)
)
DOC = FileKind("Word", "application/msword", (".doc",))
XLS = FileKind("Excel", "application/vnd.ms-excel", (".xls",))
PNG = FileKind("PNG", "image/png", (".png",))
JPEG = FileKind("JPEG", "image/jpeg", (".jpg", ".jpeg"))
GIF = FileKind("GIF", "image/gif", (".gif",))
KINDS = (PDF, DOCX, XLSX, DOC, XLS, PNG, JPEG, GIF)
ALLOWED_EXTENSIONS = tuple(ext for kind in KINDS for ext in kind.extensions)


class FileRejected(ValueError):  # noqa: N818 - a user-facing verdict, not a crash
    """The upload is not an acceptable attachment; ``message`` says why, for the form."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def _ooxml_kind(head, fp):
    """DOCX or XLSX when the zip holds the parts that make one, else None."""
    if not head.startswith(b"PK\x03\x04"):
        return None
    fp.seek(0)
    try:
        with zipfile.ZipFile(fp) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return None


def sniff(fp):
    """The FileKind(s) the content of ``fp`` can be, from its magic bytes; () if none."""
    fp.seek(0)
    head = fp.read(16)
    found = ()
    if head.startswith(b"%PDF-"):
        found = (PDF,)
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        found = (PNG,)
    elif head.startswith(b"\xff\xd8\xff"):
        found = (JPEG,)
    elif head.startswith((b"GIF87a", b"GIF89a")):
        found = (GIF,)
    elif head.startswith(OLE2):
        found = (DOC, XLS)  # the container is the same; the extension picks which
    else:
        kind = _ooxml_kind(head, fp)
        found = (kind,) if kind else ()
    fp.seek(0)
    return found


_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"|?*]')


def clean_filename(raw):
    """The base name of an uploaded file: no directories, control characters or leading dots.

    Browsers on Windows send ``C:\\Users\\…\\通知.pdf``; an attacker sends ``../../x.pdf``;
    both become a plain name. NFC keeps Chinese names comparable.
    """
    name = unicodedata.normalize("NFC", raw or "")
    name = re.split(r"[\\/]", name)[-1]
    name = _UNSAFE.sub("", name).strip().lstrip(".").strip()
    if len(name) > 120:
        stem, dot, ext = name.rpartition(".")
        name = f"{stem[: 120 - len(ext) - 1]}.{ext}" if dot and len(ext) <= 8 else name[:120]
    return name


def check_upload(filename, fp, size, max_bytes):
    """(clean name, FileKind) for an acceptable upload, or raise FileRejected saying why."""
    name = clean_filename(filename)
    if not name:
        raise FileRejected(_("The file has no usable name."))
    if size > max_bytes:
        raise FileRejected(
            _(
                "The file is larger than ${max} MB.",
                mapping={"max": f"{max_bytes / 1024 / 1024:g}"},
            )
        )
    if size == 0:
        raise FileRejected(_("The file is empty."))
    ext = "." + name.rpartition(".")[2].lower() if "." in name else ""
    if ext not in ALLOWED_EXTENSIONS:
        raise FileRejected(
            _("Only PDF, Word, Excel and image files (PNG, JPEG, GIF) are accepted.")
        )
    kinds = [k for k in sniff(fp) if ext in k.extensions]
    if not kinds:
        raise FileRejected(
            _("The content of this file is not a ${ext} file.", mapping={"ext": ext[1:].upper()})
        )
    return name, kinds[0]


def measure(fp):
    """Size of a seekable upload without reading it into memory."""
    fp.seek(0, io.SEEK_END)
    size = fp.tell()
    fp.seek(0)
    return size
