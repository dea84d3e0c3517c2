"""Attachment checks: the type comes from the file's content, the name loses any path.

An attachment is accepted only when its first bytes (and, for Office Open XML, the parts
inside the zip) say it is a PDF, a Word or Excel document or an image, *and* its extension
is one that type uses. A renamed executable (``setup.exe`` → ``通知.pdf``) fails the first
test; a PDF named ``表格.xlsx`` fails the second. The content type sent on download is the
detected one, never the browser's claim.
"""

import io
from dataclasses import dataclass

from ningxia_portal.i18n import _
from ningxia_portal.web import filetypes
from ningxia_portal.web.filetypes import clean_filename


@dataclass(frozen=True)
class FileKind:
    label: str
    content_type: str
    extensions: tuple


def _kind(label, name):
    return FileKind(label, filetypes.CONTENT_TYPES[name], filetypes.EXTENSIONS[name])


PDF = _kind("PDF", filetypes.PDF)
DOCX = _kind("Word", filetypes.DOCX)
XLSX = _kind("Excel", filetypes.XLSX)
DOC = _kind("Word", filetypes.DOC)
XLS = _kind("Excel", filetypes.XLS)
PNG = _kind("PNG", filetypes.PNG)
JPEG = _kind("JPEG", filetypes.JPEG)
GIF = _kind("GIF", filetypes.GIF)
KINDS = (PDF, DOCX, XLSX, DOC, XLS, PNG, JPEG, GIF)
ALLOWED_EXTENSIONS = tuple(ext for kind in KINDS for ext in kind.extensions)
_BY_NAME = {
    filetypes.PDF: PDF,
    filetypes.DOCX: DOCX,
    filetypes.XLSX: XLSX,
    filetypes.DOC: DOC,
    filetypes.XLS: XLS,
    filetypes.PNG: PNG,
    filetypes.JPEG: JPEG,
    filetypes.GIF: GIF,
}


class FileRejected(ValueError):  # noqa: N818 - a user-facing verdict, not a crash
    """The upload is not an acceptable attachment; ``message`` says why, for the form."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def sniff(fp):
    """The FileKind(s) the content of ``fp`` can be, from its magic bytes; () if none."""
    found = _BY_NAME.get(filetypes.detect(fp))
    return (found,) if found else ()


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
