"""Office files as attackers shape them (containers with too much, or the wrong things, in
them), built in memory for the upload tests of filings and announcements."""

import io
import zipfile

from ningxia_portal.web.filetypes import MAX_ZIP_ENTRIES


def zip_of(entries):
    """A ZIP of ``entries``: names, or (name, bytes) pairs."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for entry in entries:
            name, data = entry if isinstance(entry, tuple) else (entry, b"")
            z.writestr(name, data)
    return buf.getvalue()


def crowded_docx(extra=MAX_ZIP_ENTRIES):
    """A real-looking .docx with more empty parts than any document has."""
    parts = ["[Content_Types].xml", "word/document.xml"]
    return zip_of(parts + [f"word/media/p{n}.bin" for n in range(extra)])
