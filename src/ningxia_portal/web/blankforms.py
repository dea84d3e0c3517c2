"""Forms rendered once and kept, each viewer's own values put in when shown.

A new-request form (a booking, a consultation, a complaint) is the same for everyone who
opens it with the same choices, but for a few values: the session's CSRF token, the
enterprise's contact, phone, email. deform renders hundreds of options and a dozen
templates per form, so the form is rendered once per key with a placeholder where each of
those values goes, kept, and the viewer's values are put in on every showing.

- The placeholders hold a random token made when the process starts: no text a user types
  can be one of them (it is never shown: every placeholder is replaced).
- Each placeholder must be in the rendering (else the value rendered in its place, the
  first viewer's, would be kept and shown to all): a form that forgets one fails at once.
- They are replaced in one pass: a value put in is never read again, so one viewer's text
  that looks like another field's placeholder stays as typed.
- Every value is escaped once with ``markupsafe.escape``, right for the attribute value of
  an input and for the text of a textarea, the only places deform puts them.
- The key holds the language and the application URL besides what the caller names (the
  choices, the versions of the tree the options come from): a rendering is never shown to
  a request that would have rendered it otherwise.
"""

import re
import secrets

from markupsafe import Markup, escape

from ningxia_portal.web.pagecache import LRUCache


class BlankForms:
    """Kept renderings of one form, ``name`` telling its placeholders from others'."""

    def __init__(self, name, size):
        if not re.fullmatch(r"[a-z]+", name):
            raise ValueError("a blank form's name is lowercase letters")
        self.name = name
        self.kept = LRUCache(size)
        self.prefix = f"blank{name}{secrets.token_hex(12)}"
        self.pattern = re.compile(re.escape(self.prefix) + r"-([a-z_]+)-")

    def placeholder(self, field):
        """What the kept rendering holds where ``field``'s value goes (letters, digits,
        hyphens and underscores only: escaping leaves it as it is)."""
        if not re.fullmatch(r"[a-z_]+", field):
            raise ValueError("a placeholder's field is lowercase letters and underscores")
        return f"{self.prefix}-{field}-"

    def key(self, request, versions, *parts):
        """The key of a rendering: None (render, don't keep) when ``versions`` is None,
        e.g. read in a transaction that has written; else the versions, the language,
        the application URL and ``parts`` (the choices made)."""
        if versions is None:
            return None
        return (versions, request.localizer.locale_name, request.application_url, *parts)

    def show(self, key, build, values):
        """The form for one viewer: ``build(placeholders)`` renders it (only when nothing is
        kept under ``key``) with ``placeholders[field]`` as each of ``values``' fields, and
        returns ``(html, extra)``; answers ``(Markup, extra)`` with ``values`` put in."""
        fields = tuple(values)

        def render():
            placeholders = {field: self.placeholder(field) for field in fields}
            html, extra = build(placeholders)
            html = str(html)
            missing = [field for field, mark in placeholders.items() if mark not in html]
            if missing:  # the viewer's own value rendered instead: it would be kept for all
                raise ValueError(f"the form rendered no placeholder for {missing}")
            return html, extra

        html, extra = self.kept.get_or_compute(key, render)
        return self.fill(html, values), extra

    def fill(self, html, values):
        """``html`` with each placeholder replaced by its value, escaped, in one pass."""

        def value(match):
            found = values.get(match.group(1))
            return str(escape("" if found is None else found))

        return Markup(self.pattern.sub(value, html))  # noqa: S704 - deform's output, values escaped
