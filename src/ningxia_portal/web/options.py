"""``<option>`` lists built in one pass: filter selects may hold hundreds of choices.

Rendering them through a Jinja2 loop costs a template call, two escapes and a comparison
per option on every request of a logged-in page; here each value and label is escaped once
(markupsafe's C escape) and the options are joined into one Markup.
"""

from markupsafe import Markup, escape


def options_html(options, selected=None):
    """Markup of ``<option>`` tags for ``[(value, label)]``, ``selected`` marked."""
    parts = []
    for value, label in options:
        mark = " selected" if value == selected else ""
        parts.append(f'<option value="{escape(value)}"{mark}>{escape(label)}</option>')
    return Markup("".join(parts))  # noqa: S704 - every value and label escaped above
