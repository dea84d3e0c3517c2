"""Bar and pie charts as inline SVG, drawn on the server by pygal.

No script (``js=[]``, and pygal's own configuration script taken out), no external link, no
comment; the SVG has ``role="img"``, an ``aria-label`` and a ``<title>``/``<desc>`` saying
what it shows, and the page's table holds the same figures. Text takes the page's colour
(``currentColor``) and the palette's mid tones stay visible on a white and on a dark
background.
"""

import re
import sys
from functools import lru_cache

import pygal
from markupsafe import Markup, escape
from pygal.style import Style

# pygal appends to sys.meta_path a finder of its map plugins (pygal.maps.*, unused here)
# that has no find_spec: every later import that reaches it raises ImportWarning. Take it
# out again.
sys.meta_path[:] = [f for f in sys.meta_path if type(f).__module__ != "pygal"]

PALETTE = (
    "#2f6fde",
    "#e08a00",
    "#1a9e6b",
    "#d64545",
    "#8a5cd6",
    "#0e9bb5",
    "#c74b9b",
    "#6c9a1f",
    "#e0672c",
    "#64748b",
)
STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="currentColor",
    foreground_strong="currentColor",
    foreground_subtle="currentColor",
    opacity="0.9",
    opacity_hover="1",
    colors=PALETTE,
    font_family='"Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif',
)
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_ID = re.compile(r'id="chart-[0-9a-f-]+"')


def _config(kind, title, no_data):
    return {
        "js": [],
        "disable_xml_declaration": True,
        "style": STYLE,
        "width": 720,
        "height": 360 if kind == "bar" else 320,
        "title": None,
        "no_data_text": no_data,
        "legend_at_bottom": True,
        "print_values": False,
        "show_y_guides": True,
        "truncate_label": 12,
        "truncate_legend": 18,
    }


def _finish(svg, title, description):
    """``svg`` without script or comments, with its text alternative."""
    svg = _COMMENT.sub("", _SCRIPT.sub("", svg))
    head = (
        f' role="img" aria-label="{escape(title)}：{escape(description)}"'
        f"><title>{escape(title)}</title><desc>{escape(description)}</desc>"
    )
    start = svg.index("<svg")
    close = svg.index(">", start)
    return Markup(svg[:close] + head + svg[close + 1 :])  # noqa: S704 - built here, escaped


# Drawing a chart takes pygal milliseconds; the same figures in the same words make the same
# SVG, so each is kept (figures change only when records move; the key holds them all).
CHARTS_KEPT = 512


def bar_chart(title, description, labels, series, no_data):
    """Bars per label, one colour per series ``[(name, values)]``; no data: its message."""
    series = tuple((name, tuple(values)) for name, values in series)
    return _bar(title, description, tuple(labels), series, no_data)


def pie_chart(title, description, slices, no_data):
    """A pie of ``[(label, value)]``; no data: its message."""
    return _pie(title, description, tuple(tuple(pair) for pair in slices), no_data)


@lru_cache(maxsize=CHARTS_KEPT)
def _bar(title, description, labels, series, no_data):
    chart = pygal.Bar(**_config("bar", title, no_data))
    if any(any(values) for _name, values in series):
        chart.x_labels = list(labels)
        for name, values in series:
            chart.add(name, list(values))
    return _finish(chart.render(is_unicode=True), title, description)


@lru_cache(maxsize=CHARTS_KEPT)
def _pie(title, description, slices, no_data):
    chart = pygal.Pie(**_config("pie", title, no_data))
    if any(value for _label, value in slices):
        for label, value in slices:
            if value:
                chart.add(label, value)
    return _finish(chart.render(is_unicode=True), title, description)


def describe(pairs):
    """The figures as one sentence for the text alternative: "a 3，b 5"."""
    return "，".join(f"{label} {value}" for label, value in pairs)
