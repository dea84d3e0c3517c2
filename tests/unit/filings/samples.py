"""Tiny files of each accepted type (and some that must be refused), built in memory."""

from tests.unit.filings import containers

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64 + b"\xff\xd9"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 32
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120 + b"This program cannot be run in DOS mode"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def _zip(names):
    return containers.zip_of(names, b"<xml/>")


DOCX = _zip(["[Content_Types].xml", "word/document.xml"])
XLSX = _zip(["[Content_Types].xml", "xl/workbook.xml"])
PLAIN_ZIP = _zip(["setup.exe"])
# Real compound files (a header alone, or a stream name anywhere in the bytes, is no
# longer taken for Word or Excel: the directory must hold the document's stream).
DOC = containers.DOC
XLS = containers.XLS
MSI = containers.MSI
