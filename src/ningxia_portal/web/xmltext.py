"""Text that has to survive XML: characters XML 1.0 forbids, found, refused or removed.

ElementTree writes whatever it is given, so a title holding ``\\x0b`` makes the Atom feed
ill-formed for every reader. Forms refuse such characters in one-line fields (with a
message at the field) and strip them from long text; XML writers strip them as a last
defence for data stored before.
"""

import re

import colander

from ningxia_portal.i18n import _

# C0 controls except tab, newline and carriage return; DEL; lone surrogates; U+FFFE/U+FFFF.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def strip_xml_forbidden(text):
    """``text`` without the characters XML 1.0 forbids (colander's null passes through)."""
    if not isinstance(text, str):
        return text
    return XML_FORBIDDEN.sub("", text)


def no_control_characters(node, value):
    """Colander validator: refuse invisible control characters (they break the feed)."""
    if isinstance(value, str) and XML_FORBIDDEN.search(value):
        raise colander.Invalid(
            node,
            _(
                "Please remove the invisible control characters (often pasted from other "
                "programs) from this field."
            ),
        )
