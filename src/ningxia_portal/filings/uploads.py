"""Uploads: file type by content (magic bytes), safe names, and a ZODB-backed tmpstore.

A file is accepted by what it *is*, not what it is called (``web.filetypes``: PDF, JPEG,
PNG, Word and Excel, containers judged by what they hold), and its extension must agree.
deform's FileUploadWidget keeps accepted uploads of a form that comes back with errors in
a tmpstore; ours stores them as blobs in ZODB for the uploader only, expiring after
``portal.upload_stash_hours``.
"""

import os
import secrets
from itertools import islice

import colander
from deform.widget import FileUploadWidget, SequenceWidget, filedict

from ningxia_portal.core.clock import get_clock
from ningxia_portal.filings.resources import StashedUpload, new_blob, stash_expiry
from ningxia_portal.i18n import _
from ningxia_portal.web import filetypes
from ningxia_portal.web.filetypes import DOC, DOCX, JPEG, PDF, PNG, XLS, XLSX, clean_filename

ACCEPTED = (PDF, JPEG, PNG, DOC, DOCX, XLS, XLSX)  # images for scans; no GIF
MIMETYPES = {kind: filetypes.CONTENT_TYPES[kind] for kind in ACCEPTED}
EXTENSIONS = {kind: filetypes.EXTENSIONS[kind] for kind in ACCEPTED}
ACCEPT_ATTR = ",".join(ext for exts in EXTENSIONS.values() for ext in exts)


def detect_kind(fp):
    """The accepted kind of a file's content, or None (executables, archives, scripts …)."""
    kind = filetypes.detect(fp)
    return kind if kind in MIMETYPES else None


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
    purged cheaply; an entry is only ever visible to the user who uploaded it. Each
    uploader holds at most ``portal.upload_max_files`` live entries and
    ``portal.upload_stash_max_bytes``: beyond that a file is not kept (its slot comes
    back empty), so forms that keep failing can't fill the blob storage.
    """

    PURGE_BATCH = 50

    def __init__(self, request, filings):
        self.request = request
        self.filings = filings
        self.stash = filings.uploads
        self.owner = request.authenticated_userid
        self.clock = get_clock(request.registry)
        settings = request.registry.settings
        self.hours = settings["portal.upload_stash_hours"]
        self.max_entries = settings["portal.upload_max_files"]
        self.max_bytes_per_file = settings["portal.upload_max_bytes"]
        self.max_bytes = settings["portal.upload_stash_max_bytes"]

    def stash_url(self):
        """Where the pages' script sends a file ahead of its form (views/stash.py)."""
        return self.request.resource_url(self.filings, "@@stash")

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
        if not self.has_room(data["size"]):
            return  # over this uploader's share: not kept (the widget shows an empty slot)
        self.filings.stash_put(
            uid,
            StashedUpload(
                self.owner,
                data["filename"],
                data["mimetype"],
                data["size"],
                new_blob(fp),
                self.clock.now(),
            ),
        )

    def has_room(self, size):
        """Whether the uploader may stash one more file of ``size`` bytes."""
        count, used = self.filings.stash_usage(self.owner, self.cutoff())
        return count < self.max_entries and used + size <= self.max_bytes

    def discard(self, uid):
        entry = self._live(uid)
        if entry is not None:
            self.filings.stash_drop(uid)

    def cutoff(self):
        """The smallest key of a live entry (keys begin with the upload time)."""
        return f"{int(stash_expiry(self.clock.now(), self.hours).timestamp()):011d}"

    def purge(self):
        """Drop a batch of expired entries (called on every store: no cron needed)."""
        # islice, not a slice: slicing a BTree's keys counts them, loading every expired bucket.
        expired = self.stash.keys(max=self.cutoff(), excludemax=True)
        old = list(islice(expired, self.PURGE_BATCH))
        for key in old:
            self.filings.stash_drop(key)

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

    def serialize(self, field, cstruct, **kw):
        """Render the slot; a file the tmpstore refused to keep shows as an empty slot, so
        the form never claims to hold a file it doesn't."""
        if cstruct not in (colander.null, None) and cstruct:
            uid = cstruct.get("uid")
            if uid not in self.tmpstore:
                self.tmpstore[uid] = cstruct
            if uid not in self.tmpstore:
                cstruct = {}
        return super().serialize(field, cstruct, **kw)

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
        filename = clean_filename(upload.filename, default="file")
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


class MultiFileUploadWidget(CheckedFileUploadWidget):
    """A slot of one material taking several files at once (``<input multiple>``), each a
    file of the material. A file kept from an earlier post of the form, or sent ahead to the
    stash by the page's script (``/filings/@@stash``, with its upload progress), is a ticked
    checkbox of its stash entry: untick it to leave it out. ``FileSequenceWidget`` reads the
    slots as one item per file."""

    template = "ningxia_portal:filings/templates/deform/multi_file_upload.pt"
    kept_hint = _("untick to leave it out")
    progress_label = _("Upload progress of ${name}")
    failed_text = _("The upload failed; please choose the file again.")
    wait_text = _("Please wait until every file is uploaded.")

    @property
    def stash_url(self):
        return self.tmpstore.stash_url()


class FileSequenceWidget(SequenceWidget):
    """A material's slots of ``MultiFileUploadWidget``: each slot may hold several files
    and kept entries, read as one item per file, so the material's limits count files."""

    def deserialize(self, field, pstruct):
        if isinstance(pstruct, list):
            pstruct = [item for slot in pstruct for item in slot_items(slot)]
        return super().deserialize(field, pstruct)


def slot_items(slot):
    """The items (``{"upload", "uid"}``, as deform's file widget reads them) of one slot:
    a kept stash entry per ticked uid, then a file per file chosen; an empty slot has none.
    Something else than a slot's mapping is left for deform to refuse."""
    if not isinstance(slot, dict):
        return [slot]
    files, uids = slot.get("upload", ()), slot.get("uid", ())
    files = files if isinstance(files, list) else [files]
    uids = uids if isinstance(uids, list) else [uids]
    items = [{"upload": b"", "uid": uid} for uid in uids if isinstance(uid, str) and uid]
    items += [{"upload": f, "uid": ""} for f in files if hasattr(f, "file")]
    return items
