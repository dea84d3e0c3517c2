"""The message factory of the portal's own domain: msgids in English, zh_CN in locale/.

Some values are stored as Chinese words from a fixed vocabulary (an item's type, its online
handling depth, an announcement's category): they are data to the catalog and to links
(``/search?type=行政许可``) and words to a reader. ``terms()`` names each such value's
message, and ``term(value)`` is what a page shows for it (the ``term`` filter of templates),
so an English reader sees English while the stored value stays as it is.
"""

from pyramid.i18n import TranslationStringFactory

_ = TranslationStringFactory("ningxia_portal")

_TERMS = {}


def terms(mapping):
    """Declare ``{stored value: _("English")}`` of one vocabulary; returns the mapping."""
    _TERMS.update(mapping)
    return mapping


def term(value):
    """The message of a stored vocabulary value, or the value itself when it has none."""
    return _TERMS.get(value, value)


def is_term(value):
    return value in _TERMS
