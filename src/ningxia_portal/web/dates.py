"""Jinja filters that show stored times as people in Ningxia read them (China's time).

``{{ filing.submitted|local_datetime }}`` → ``2026-03-02 04:30``;
``{{ entry.time|local_date }}`` → ``2026-03-02`` (a date, e.g. a promised date, as is);
``<time datetime="{{ a.modified|local_iso }}">`` → ``2026-03-02T04:30:00+08:00``.
"""

from ningxia_portal.core.clock import local_date, local_iso, local_time


def local_datetime_text(value):
    """``YYYY-MM-DD HH:MM`` in China's time ("" for None)."""
    return local_time(value).strftime("%Y-%m-%d %H:%M") if value is not None else ""


def local_date_text(value):
    """``YYYY-MM-DD``: the date in China ("" for None)."""
    return local_date(value).isoformat() if value is not None else ""


def local_iso_text(value):
    return local_iso(value) or ""


FILTERS = {
    "local_datetime": local_datetime_text,
    "local_date": local_date_text,
    "local_iso": local_iso_text,
}
