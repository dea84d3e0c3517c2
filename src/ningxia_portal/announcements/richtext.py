"""Editors write Markdown; the portal shows it as HTML sanitised by nh3 against an allow-list.

Markdown (a plain textarea with a server-side preview) was chosen over a WYSIWYG editor: it
needs no JavaScript editor bundle, keeps a readable source for the modification history,
and its output is a small, predictable set of tags. Raw HTML typed into Markdown passes
through the converter, so *everything* the converter produces goes through ``sanitize``:
on save, and again whenever a page renders the stored HTML (``render_safe``).
"""

import html

import markdown
import nh3
from markupsafe import Markup

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
    converted = markdown.markdown(source, extensions=list(MARKDOWN_EXTENSIONS))
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
