"""Uploads: file type by content (magic bytes), safe names, and a ZODB-backed tmpstore.

A file is accepted by what it *is*, not what it is called: PDF, JPEG, PNG, Word and Excel
(the old OLE2 formats by their stream names, the new ones as ZIP containers with the right
parts), and its extension must agree. deform's FileUploadWidget keeps accepted uploads of
a form that comes back with errors in a tmpstore; ours stores them as blobs in ZODB for
the uploader only, expiring after ``portal.upload_stash_hours``.
"""

import os
import re
import secrets
import unicodedata
import zipfile

import colander
from deform.widget import FileUploadWidget, filedict

from ningxia_portal.core.clock import get_clock
from ningxia_portal.filings.resources import StashedUpload, new_blob, stash_expiry
from ningxia_portal.i18n import _

PDF, JPEG, PNG, DOC, DOCX, XLS, XLSX = "pdf", "jpeg", "png", "doc", "docx", "xls", "xlsx"
MIMETYPES = {
    PDF: "application/pdf",
    JPEG: "image/jpeg",
    PNG: "image/png",
    DOC: "application/msword",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLS: "application/vnd.ms-excel",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EXTENSIONS = {
    PDF: (".pdf",),
    JPEG: (".jpg", ".jpeg"),
    PNG: (".png",),
    DOC: (".doc",),
    DOCX: (".docx",),
    XLS: (".xls",),
    XLSX: (".xlsx",),
}
ACCEPT_ATTR = ",".join(ext for exts in EXTENSIONS.values() for ext in exts)
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def detect_kind(fp):
    """The accepted kind of a file's content, or None (executables, archives, scripts …)."""
    fp.seek(0)
    head = fp.read(8192)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(OLE2):
        # An OLE2 compound file may be anything (an .msi installer too): look for the
        # directory entries of a Word or Excel document (names in UTF-16LE).
        fp.seek(0)
        body = fp.read(4 * 1024 * 1024)
        if "WordDocument".encode("utf-16-le") in body:
            return DOC
        if "Workbook".encode("utf-16-le") in body or "Book".encode("utf-16-le") in body:
            return XLS
        return None
    if head.startswith(b"PK\x03\x04"):
        try:
            fp.seek(0)
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


_UNSAFE = re.compile(r"[\x00-\x1f\x7f<>:\"|?*]")


def clean_filename(name):
    """The last path component, without control or reserved characters (never empty)."""
    name = unicodedata.normalize("NFC", name or "").replace("\\", "/")
    name = _UNSAFE.sub("", name.rsplit("/", 1)[-1]).strip().strip(".")
    return name[:120] or "file"


def file_size(fp):
    fp.seek(0, os.SEEK_END)
    size = fp.tell()
    fp.seek(0)
    return size


def check_upload(fp, filename, max_bytes):
    """(kind, size) of an acceptable upload, or raise ValueError with a message naming it."""
    size = file_size(fp)
    mapping = {"name": filename}
    if size == 0:
        raise ValueError(_('The file "${name}" is empty.', mapping=mapping))
    if size > max_bytes:
        mapping["max"] = f"{max_bytes / 1024 / 1024:g}"
        raise ValueError(_('The file "${name}" is larger than ${max} MB.', mapping=mapping))
    kind = detect_kind(fp)
    if kind is None:
        raise ValueError(
            _(
                'The file "${name}" is not accepted: only PDF, JPEG, PNG, Word and Excel '
                "files may be uploaded.",
                mapping=mapping,
            )
        )
    if not filename.lower().endswith(EXTENSIONS[kind]):
        mapping["ext"] = "/".join(EXTENSIONS[kind])
        raise ValueError(
            _(
                'The content of "${name}" does not match its extension (expected ${ext}).',
                mapping=mapping,
            )
        )
    fp.seek(0)
    return kind, size


class ZODBTmpStore:
    """deform's FileUploadTempStore on ``/filings/``'s ``uploads`` BTree, per uploader.

    Keys begin with the upload time, so expired entries are the smallest keys and are
    purged cheaply; an entry is only ever visible to the user who uploaded it.
    """

    PURGE_BATCH = 50

    def __init__(self, request, filings):
        self.request = request
        self.stash = filings.uploads
        self.owner = request.authenticated_userid
        self.clock = get_clock(request.registry)
        self.hours = request.registry.settings["portal.upload_stash_hours"]

    def new_uid(self):
        return f"{int(self.clock.now().timestamp()):011d}{secrets.token_hex(10)}"

    def _live(self, uid):
        entry = self.stash.get(uid) if isinstance(uid, str) else None
        if entry is None or entry.owner != self.owner:
            return None
        if entry.created < stash_expiry(self.clock.now(), self.hours):
            return None
        return entry

    def get(self, uid, default=None):
        entry = self._live(uid)
        if entry is None:
            return default
        data = filedict(
            uid=uid,
            filename=entry.filename,
            mimetype=entry.mimetype,
            size=entry.size,
            fp=None,
            preview_url=None,
            kind=None,
        )
        data["stashed"] = entry
        return data

    def __getitem__(self, uid):
        data = self.get(uid)
        if data is None:
            raise KeyError(uid)
        return data

    def __contains__(self, uid):
        return self._live(uid) is not None

    def __setitem__(self, uid, data):
        fp = data.get("fp")
        if fp is None:  # deform re-offering something we already hold
            return
        self.purge()
        self.stash[uid] = StashedUpload(
            self.owner,
            data["filename"],
            data["mimetype"],
            data["size"],
            new_blob(fp),
            self.clock.now(),
        )

    def discard(self, uid):
        entry = self._live(uid)
        if entry is not None:
            del self.stash[uid]

    def purge(self):
        """Drop a batch of expired entries (called on every store: no cron needed)."""
        cutoff = f"{int(stash_expiry(self.clock.now(), self.hours).timestamp()):011d}"
        old = list(self.stash.keys(max=cutoff, excludemax=True)[: self.PURGE_BATCH])
        for key in old:
            del self.stash[key]

    def preview_url(self, uid):
        return None


class CheckedFileUploadWidget(FileUploadWidget):
    """FileUploadWidget that checks content and size and cleans the name before keeping a file.

    A bad file raises Invalid with a message naming it, and its slot comes back empty (or
    with the file kept before); good files go to the tmpstore when the form is rendered
    again, and so survive the re-render.
    """

    template = "ningxia_portal:filings/templates/deform/file_upload.pt"
    kept_label = _("Uploaded:")
    kept_hint = _("choose another file to replace it")

    def __init__(self, tmpstore, max_bytes, **kw):
        kw.setdefault("accept", ACCEPT_ATTR)
        super().__init__(tmpstore, **kw)
        self.max_bytes = max_bytes

    def random_id(self):
        return self.tmpstore.new_uid()

    def deserialize(self, field, pstruct):
        if pstruct is colander.null:
            return colander.null
        try:
            validated = self._pstruct_schema.deserialize(pstruct)
        except colander.Invalid:
            return colander.null
        upload, uid = validated["upload"], validated["uid"]
        kept = self.tmpstore.get(uid) if uid else None
        if not hasattr(upload, "file"):
            return kept if kept is not None else colander.null
        filename = clean_filename(upload.filename)
        try:
            kind, size = check_upload(upload.file, filename, self.max_bytes)
        except ValueError as e:
            raise colander.Invalid(
                field.schema, e.args[0], value=kept if kept is not None else colander.null
            ) from None
        if kept is not None:  # a new file chosen in a slot that held one: replace it
            self.tmpstore.discard(uid)
        # Not stashed yet: a form that succeeds stores the file straight in the case; one
        # that comes back with errors stashes it when deform re-renders it (serialize).
        return filedict(
            uid=self.random_id(),
            fp=upload.file,
            filename=filename,
            mimetype=MIMETYPES[kind],
            size=size,
            kind=kind,
            preview_url=None,
        )
