"""Small, real-format sample files for upload tests (made here, nothing downloaded)."""

from tests.unit.filings import containers

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
GIF = b"GIF89a" + b"\x00" * 32
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64  # a header, no directory
DOC = containers.DOC  # compound files whose directory holds the document's stream
XLS = containers.XLS
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
HTML = b"<html><script>alert(1)</script></html>"


def ooxml(main_part):
    """A minimal Office Open XML zip: [Content_Types].xml plus the main part."""
    return containers.zip_of([("[Content_Types].xml", b"<Types/>"), (main_part, b"<x/>")])


DOCX = ooxml("word/document.xml")
XLSX = ooxml("xl/workbook.xml")


def plain_zip():
    return containers.zip_of([("evil.exe", EXE)])
