"""Office files as attackers shape them (containers with too much, or the wrong things, in
them), built in memory for the upload tests of filings and announcements."""

import io
import struct
import zipfile

from ningxia_portal.web.filetypes import MAX_ZIP_ENTRIES

# Entries carry this time, not the clock's: the same call gives the same bytes, so test ids
# made from them agree between pytest-xdist's workers, which collect at different moments.
ENTRY_TIME = (2026, 1, 1, 0, 0, 0)


def zip_of(entries, content=b"", comment=b""):
    """A ZIP of ``entries``: names (each holding ``content``), or (name, bytes) pairs."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for entry in entries:
            name, data = entry if isinstance(entry, tuple) else (entry, content)
            z.writestr(zipfile.ZipInfo(name, date_time=ENTRY_TIME), data)
        z.comment = comment
    return buf.getvalue()


def crowded_docx(extra=MAX_ZIP_ENTRIES):
    """A real-looking .docx with more empty parts than any document has."""
    parts = ["[Content_Types].xml", "word/document.xml"]
    return zip_of(parts + [f"word/media/p{n}.bin" for n in range(extra)])


# -- OLE2 compound files (legacy .doc/.xls, .msi …), written the way Office lays them out --
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FREE, _END, _FATSECT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
_SECTOR = 512
_STREAM_SECTORS = 8  # 4096 bytes: at the mini-stream cutoff, so streams live in the FAT


def _direntry(name, kind, right=_NOSTREAM, child=_NOSTREAM, start=_END, size=0):
    encoded = name.encode("utf-16-le") + b"\x00\x00" if name else b""
    return (
        encoded.ljust(64, b"\x00")
        + struct.pack("<HBB3L", len(encoded), kind, 1, _NOSTREAM, right, child)
        + b"\x00" * 36  # CLSID, state bits, creation and modification times
        + struct.pack("<LQ", start, size)
    )


def ole2(streams=(), storages=()):
    """A compound file holding ``streams`` {name: bytes ≤ 4096} and empty ``storages``.

    Version 3, 512-byte sectors: sector 0 the FAT, sector 1 the directory (root + up to 3
    entries), then 8 sectors per stream.
    """
    streams = dict(streams)
    names = [(n, 2) for n in streams] + [(n, 1) for n in storages]
    assert len(names) <= 3
    fat = [_FATSECT, _END]
    data = b""
    entries = []
    for index, (name, kind) in enumerate(names):
        right = index + 2 if index + 1 < len(names) else _NOSTREAM
        if kind == 2:
            start = len(fat)
            fat += [start + i + 1 for i in range(_STREAM_SECTORS - 1)] + [_END]
            data += streams[name].ljust(_STREAM_SECTORS * _SECTOR, b"\x00")
            entries.append(_direntry(name, 2, right, start=start, size=4096))
        else:
            entries.append(_direntry(name, 1, right))
    root = _direntry("Root Entry", 5, child=1 if names else _NOSTREAM)
    directory = b"".join([root, *entries]).ljust(_SECTOR, b"\x00")
    fat_sector = struct.pack("<128L", *(fat + [_FREE] * (128 - len(fat))))
    header = (
        OLE2_MAGIC
        + b"\x00" * 16
        + struct.pack("<5H", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<9L", 0, 1, 1, 0, 4096, _END, 0, _END, 0)
        + struct.pack("<109L", 0, *([_FREE] * 108))
    )
    return header + fat_sector + directory + data


DOC = ole2({"WordDocument": b"\xec\xa5" + b"\x00" * 64, "1Table": b"\x00" * 64})
XLS = ole2({"Workbook": b"\x09\x08" + b"\x00" * 64})
XLS95 = ole2({"Book": b"\x09\x08" + b"\x00" * 64})
MSI = ole2({"\u4840\u3f3f": b"MZ\x90\x00" + b"\x00" * 60, "SummaryInformation": b"\x00" * 8})
DOC_WITH_MACROS = ole2({"WordDocument": b"\xec\xa5" + b"\x00" * 64}, storages=["Macros"])


# -- what the security review smuggled through the old checks -----------------------------
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 60
# An OLE2 header, the UTF-16 name "Book" somewhere, then an executable (taken for .xls).
OLE2_BOOK_EXE = OLE2_MAGIC + b"\x00" * 504 + "Book".encode("utf-16-le") + EXE
DOCX_PARTS = [("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document/>")]
MACRO_DOCX = zip_of([*DOCX_PARTS, ("word/vbaProject.bin", b"\xcc\x61" + b"\x00" * 30)])
TRAVERSAL_DOCX = zip_of([*DOCX_PARTS, ("../../evil.exe", EXE)])
