"""The QR code of a notice's verification address, with segno (pure Python, no dependency).

The page inlines segno's SVG (one path, scalable, sharp in print); the PDF draws the same
matrix module by module, so both carry the very same symbol.
"""

import segno

ERROR_LEVEL = "m"  # 15% of the symbol may be soiled or folded and still read


def make(url):
    return segno.make(url, error=ERROR_LEVEL)


def svg(url, title):
    """Inline SVG (a viewBox, sized by CSS) of ``url``'s QR code with a quiet zone."""
    return make(url).svg_inline(scale=4, border=4, omitsize=True, title=title)


def matrix(url):
    """Rows of booleans (dark modules), without the quiet zone."""
    return [[bool(m) for m in row] for row in make(url).matrix_iter(border=0)]
