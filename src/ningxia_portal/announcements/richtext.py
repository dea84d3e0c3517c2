"""Editors write Markdown; the portal shows it as HTML sanitised by nh3 against an allow-list.

Markdown (a plain textarea with a server-side preview) was chosen over a WYSIWYG editor: it
needs no JavaScript editor bundle, keeps a readable source for the modification history,
and its output is a small, predictable set of tags. Raw HTML typed into Markdown passes
through the converter, so *everything* the converter produces goes through ``sanitize``:
on save, and again whenever a page renders the stored HTML (``render_safe``).
"""

import html
import re

import markdown
import nh3
from markupsafe import Markup

from ningxia_portal.i18n import _
from ningxia_portal.web.xmltext import strip_xml_forbidden

# Structure and emphasis only: no script, style, iframe/object/embed, form controls, SVG/MathML.
ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "h2", "h3", "h4", "h5", "h6",
        "strong", "em", "b", "i", "u", "s", "del", "ins", "sub", "sup", "mark", "small",
        "blockquote", "code", "pre", "kbd",
        "ul", "ol", "li", "dl", "dt", "dd",
        "a", "img",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    }
)  # fmt: skip
# No class/id/style: they could hide text (class="d-none") or clobber the page's DOM.
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Tags dropped together with their content (their text would be noise or an attack).
DROP_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math",
     "textarea", "select", "button", "title", "frame", "frameset", "noembed", "xmp"}
)  # fmt: skip
MARKDOWN_EXTENSIONS = ("tables", "sane_lists", "nl2br")

# The converter looks for the closing ``]`` (and ``)``) of every ``[`` up to the end of its
# paragraph, so its work grows with brackets x paragraph length: 10,000 ``[`` took 15 s.
# A paragraph whose product is above this budget is refused (a few tenths of a second at
# worst); a real one, a table of a hundred links in 5,000 characters, is at 500,000.
BRACKET_BUDGET = 1_000_000
# Lists and quotes nest by recursion: ``1. 1. 1. …`` or ever deeper indentation exhausts
# Python's stack. No announcement nests twenty levels deep.
MAX_NESTING = 20
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_LIST_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)")


def _nesting(line):
    """How deeply the block markers (``>``, ``-``, ``1.``) at the start of ``line`` nest,
    counting its indentation (four columns a level) when it opens a list or a quote."""
    stripped = line.lstrip(" \t")
    indent = len(line.expandtabs(4)) - len(stripped.expandtabs(4))
    depth, pos = 0, 0
    while pos < len(stripped) and depth <= MAX_NESTING:
        if stripped[pos] == ">":
            pos += 1
        else:
            marker = _LIST_MARKER.match(stripped, pos)
            if marker is None:
                break
            pos = marker.end()
        depth += 1
        while pos < len(stripped) and stripped[pos] in " \t":
            pos += 1
    return depth + indent // 4 if depth else 0


def markdown_problem(source, max_chars):
    """Why ``source`` is refused before it is converted (a message), or None.

    Linear in the length of ``source``: this is what keeps a preview or a save from
    holding a worker for minutes.
    """
    source = source or ""
    if len(source) > max_chars:
        return _(
            "The text has ${count} characters; at most ${max} are accepted.",
            mapping={"count": len(source), "max": max_chars},
        )
    for paragraph in _PARAGRAPH_BREAK.split(source):
        brackets = paragraph.count("[") - paragraph.count("\\[")  # \[ is a plain [
        if brackets * len(paragraph) > BRACKET_BUDGET:
            return _(
                "One paragraph holds too many [ brackets for its length. Split it with "
                "blank lines, or write the brackets as \\[ ."
            )
    if any(_nesting(line) > MAX_NESTING for line in source.splitlines()):
        return _(
            "Lists or quotes are nested more than ${max} levels deep.",
            mapping={"max": MAX_NESTING},
        )
    return None


def sanitize(dirty):
    """HTML reduced to the allow-list; links get ``rel="noopener noreferrer"``."""
    return nh3.clean(
        dirty or "",
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROP_WITH_CONTENT),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        strip_comments=True,
        link_rel="noopener noreferrer",
    )


def markdown_to_html(source):
    """The editor's Markdown as sanitised HTML (what is stored in ``body_html``).

    Characters XML forbids (control characters pasted with the text) are left out of it:
    the source keeps them as typed, what is published never holds them.
    """
    source = strip_xml_forbidden(source or "")
    try:
        converted = markdown.markdown(source, extensions=list(MARKDOWN_EXTENSIONS))
    except RecursionError:  # nesting markdown_problem did not foresee: plain text, bounded
        converted = "<p>" + html.escape(source).replace("\n", "<br>\n") + "</p>"
    return strip_xml_forbidden(sanitize(converted))


def html_to_text(fragment):
    """The text of an HTML fragment, without tags (what keyword search indexes)."""
    fragment = strip_xml_forbidden(fragment or "")
    stripped = nh3.clean(fragment, tags=set(), clean_content_tags=set(DROP_WITH_CONTENT))
    return " ".join(html.unescape(stripped).split())


def render_safe(stored_html):
    """Markup for a template: the stored HTML sanitised once more, never trusted as stored.

    This is the only place announcement HTML is marked safe, so a value that reached the
    database some other way (an old record, a migration, a bug) still can't run script.
    """
    return Markup(sanitize(stored_html))  # noqa: S704 - sanitised on the line it is marked
