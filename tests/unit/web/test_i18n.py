"""Every message the portal shows has a Chinese translation, and the .mo files are current."""

import gettext
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "src" / "ningxia_portal"
LOCALE = PACKAGE / "locale" / "zh_CN" / "LC_MESSAGES"
METHODS = [("**.py", "python"), ("**/templates/**.jinja2", "jinja2")]
OPTIONS = {"**/templates/**.jinja2": {"extensions": "jinja2.ext.i18n"}}


def _extracted():
    ids = set()
    for _file, _line, message, _comments, _ctx in extract_from_dir(
        str(PACKAGE), METHODS, options_map=OPTIONS
    ):
        ids.add(message[0] if isinstance(message, tuple) else message)
    return ids


def _po(domain):
    with open(LOCALE / f"{domain}.po", "rb") as f:
        return read_po(f, locale="zh_CN")


def test_every_message_in_code_and_templates_is_translated():
    catalog = _po("ningxia_portal")
    untranslated = sorted(
        mid for mid in _extracted() if not (catalog.get(mid) and catalog.get(mid).string)
    )
    assert untranslated == [], "run `make i18n`, translate, then `make mo`"


@pytest.mark.parametrize("domain", ["ningxia_portal", "colander"])
def test_compiled_catalog_matches_the_po(domain):
    with open(LOCALE / f"{domain}.mo", "rb") as f:
        compiled = gettext.GNUTranslations(f)
    stale = [m.id for m in _po(domain) if m.id and m.string and compiled.gettext(m.id) != m.string]
    assert stale == [], "run `make mo`"
