"""A notice as an A4 PDF, drawn with reportlab on the server (no browser at run time).

reportlab writes Chinese with its built-in CID font ``STSong-Light`` (Adobe's Song for
Simplified Chinese, which every PDF reader supplies), so no font file ships with the portal.
Margins and the order of the parts follow GB/T 9704-2012 as the page's print stylesheet does.
"""

from functools import cache
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import HRFlowable, Paragraph, SimpleDocTemplate, Spacer, Table

from ningxia_portal.notices import qr

FONT = "STSong-Light"
RED = colors.HexColor("#c00000")
QR_SIZE = 24 * mm


@cache
def _font():
    """Register the CID font once per process."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def _styles():
    font = _font()
    base = ParagraphStyle("body", fontName=font, fontSize=15, leading=27, wordWrap="CJK")
    return {
        "issuer": ParagraphStyle(
            "issuer", base, fontSize=24, leading=32, alignment=TA_CENTER, textColor=RED
        ),
        "number": ParagraphStyle("number", base, alignment=TA_CENTER, fontSize=14),
        "title": ParagraphStyle("title", base, fontSize=21, leading=32, alignment=TA_CENTER),
        "body": ParagraphStyle("p", base, firstLineIndent=30),
        "plain": base,
        "item": ParagraphStyle("item", base, leftIndent=30),
        "sign": ParagraphStyle("sign", base, alignment=TA_RIGHT, rightIndent=16),
        "small": ParagraphStyle("small", base, fontSize=10, leading=15),
    }


def _qr_drawing(url):
    """The QR code as vector squares, QR_SIZE wide."""
    rows = qr.matrix(url)
    quiet = 2
    modules = len(rows) + 2 * quiet
    step = QR_SIZE / modules
    drawing = Drawing(QR_SIZE, QR_SIZE)
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                drawing.add(
                    Rect(
                        (x + quiet) * step,
                        QR_SIZE - (y + quiet + 1) * step,
                        step,
                        step,
                        fillColor=colors.black,
                        strokeColor=None,
                    )
                )
    return drawing


def _text(value):
    return escape(value).replace("\n", "<br/>")


def render(notice, labels):
    """The PDF bytes of ``notice`` (notices/content.py); ``labels``: translated captions
    (``number``, ``code``, ``verify``)."""
    s = _styles()
    story = [
        Paragraph(_text(notice.issuer), s["issuer"]),
        Spacer(1, 6 * mm),
        Paragraph(_text(f"{labels['number']}：{notice.number}"), s["number"]),
        HRFlowable(width="100%", thickness=1.2, color=RED, spaceBefore=2 * mm, spaceAfter=6 * mm),
        Paragraph(_text(notice.title), s["title"]),
        Spacer(1, 4 * mm),
        Paragraph(_text(notice.addressee), s["plain"]),
    ]
    for block in notice.body:
        if block.kind == "ol":
            for n, item in enumerate(block.items, 1):
                story.append(Paragraph(_text(f"{n}. {item}"), s["item"]))
        elif block.text:
            story.append(Paragraph(_text(block.text), s["body"]))
    story.append(Spacer(1, 12 * mm))  # room for the seal over the signature
    story += [Paragraph(_text(line), s["sign"]) for line in notice.signers if line]
    story.append(Paragraph(_text(notice.date), s["sign"]))
    story.append(Spacer(1, 8 * mm))
    caption = Paragraph(
        _text(f"{labels['code']}：{notice.code}\n{labels['verify']}\n{notice.verify_url}"),
        s["small"],
    )
    table = Table([[_qr_drawing(notice.verify_url), caption]], colWidths=[QR_SIZE + 4 * mm, None])
    table.setStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
    story.append(table)
    out = BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        topMargin=37 * mm,
        bottomMargin=35 * mm,
        leftMargin=28 * mm,
        rightMargin=26 * mm,
        title=f"{notice.title} {notice.number}",
        author=notice.issuer,
        invariant=1,
    )
    doc.build(story)
    return out.getvalue()
