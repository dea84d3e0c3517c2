"""Every skin's colour pairs meet WCAG 2.1 AA: text 4.5:1; large text, the focus ring and
the borders of controls 3:1. A skin sets custom properties over portal.css's defaults."""

import re
from pathlib import Path

import pytest

from ningxia_portal.settings import DEFAULTS
from ningxia_portal.web.skins import load_skins

THEMES = Path(__file__).parents[3] / "themes"
_PROPERTY = re.compile(r"(--portal-[a-z-]+)\s*:\s*(#[0-9a-fA-F]{6})\s*;")

# (foreground, background, minimum ratio, where the pair is seen)
TEXT, LARGE = 4.5, 3.0
PAIRS = [
    ("on-primary", "primary", TEXT, "header text"),
    ("on-primary", "primary-end", TEXT, "header text at the gradient's end"),
    ("emblem", "primary", LARGE, "the emblem (large, bold)"),
    ("emblem", "primary-end", LARGE, "the emblem at the gradient's end"),
    ("on-nav", "nav-bg", TEXT, "navigation links"),
    ("nav-bg", "on-nav", TEXT, "the navigation's waiting counts"),
    ("ink", "surface", TEXT, "body text"),
    ("ink", "bg", TEXT, "text outside the main area (breadcrumbs)"),
    ("link", "surface", TEXT, "links"),
    ("link", "bg", TEXT, "breadcrumb links"),
    ("muted", "surface", TEXT, "secondary text"),
    ("muted", "bg", TEXT, "secondary text outside the main area"),
    ("muted", "subtle", TEXT, "table heads of an item's facts"),
    ("accent", "accent-soft", TEXT, "category badges"),
    ("accent", "surface", LARGE, "headings' bar and card borders (non-text)"),
    ("on-button", "button", TEXT, "primary buttons"),
    ("footer-ink", "footer-bg", TEXT, "footer text"),
    ("footer-link", "footer-bg", TEXT, "footer links"),
    ("control-border", "surface", LARGE, "borders of inputs and selects"),
    ("focus", "surface", LARGE, "focus ring in the main area"),
    ("focus", "bg", LARGE, "focus ring on the page background"),
    ("focus-inverse", "primary", LARGE, "focus ring in the header"),
    ("focus-inverse", "primary-end", LARGE, "focus ring in the header"),
    ("focus-inverse", "nav-bg", LARGE, "focus ring in the navigation"),
    ("focus-inverse", "footer-bg", LARGE, "focus ring in the footer"),
]


def properties(path):
    return {name[len("--portal-") :]: value for name, value in _PROPERTY.findall(path.read_text())}


def luminance(hex_colour):
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ratio(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def skin_colours(skin):
    colours = properties(THEMES / "default" / "css" / "portal.css")
    colours.update(properties(Path(skin.folder) / "skin.css"))
    return colours


SKINS = load_skins({"portal.skins": DEFAULTS["portal.skins"][1]})


def test_the_ratio_is_wcags():
    assert ratio("#000000", "#ffffff") == pytest.approx(21)
    assert ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_the_four_skins_are_shipped():
    assert [s.name for s in SKINS] == ["blue", "red", "teal", "contrast"]


@pytest.mark.parametrize("skin", SKINS, ids=lambda s: s.name)
def test_every_colour_pair_of_the_skin_is_readable(skin):
    colours = skin_colours(skin)
    failures = []
    for fg, bg, minimum, where in PAIRS:
        found = ratio(colours[fg], colours[bg])
        if found < minimum:
            failures.append(f"{where}: {fg} {colours[fg]} on {bg} {colours[bg]} is {found:.2f}:1")
    assert not failures, f"{skin.name}: " + "; ".join(failures)


@pytest.mark.parametrize("skin", SKINS, ids=lambda s: s.name)
def test_a_skin_sets_only_custom_properties_the_theme_knows(skin):
    known = properties(THEMES / "default" / "css" / "portal.css")
    css = (Path(skin.folder) / "skin.css").read_text()
    body = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    assert re.fullmatch(r"\s*:root\s*\{[^{}]*\}\s*", body), "a skin is one :root block"
    assert set(properties(Path(skin.folder) / "skin.css")) <= set(known)
