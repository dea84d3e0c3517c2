"""Demo announcements (development.ini only), read from ``data/announcements.json``."""

import json
from datetime import date, datetime, time
from importlib import resources

from ningxia_portal.announcements.resources import Announcement
from ningxia_portal.announcements.richtext import html_to_text, markdown_to_html
from ningxia_portal.announcements.workflow import PUBLISHED, announcement_workflow
from ningxia_portal.core.clock import CST, get_clock

DATA_FILE = "announcements.json"


def load_data():
    text = (
        resources.files("ningxia_portal.announcements")
        .joinpath("data", DATA_FILE)
        .read_text(encoding="utf-8")
    )
    return json.loads(text)["announcements"]


def load_announcements(root, registry):
    """Add the demo announcements as published; those of centers not loaded are skipped.

    Idempotent: an announcement whose title is already there is not added again.
    """
    folder = root["announcements"]
    centers = root["centers"]
    existing = {a.title for a in folder.values()}
    now = get_clock(registry).now()
    added = 0
    for n, entry in enumerate(load_data(), start=1):
        scope = entry["scope"]
        if entry["title"] in existing or (scope and scope not in centers):
            continue
        day = date.fromisoformat(entry["publication_date"])
        published = datetime.combine(day, time(9, 0), CST)
        a = Announcement(
            entry["title"],
            entry["summary"],
            entry["body"],
            entry["category"],
            scope,
            author=entry["author"],
            created=min(published, now),
        )
        a.record_change(a.created, entry["author"], ("created",))
        a.body_html = markdown_to_html(a.body)
        a.body_text = html_to_text(a.body_html)
        a.publication_date = day
        a.published = published
        announcement_workflow.initialize(a, state=PUBLISHED)
        folder.add(f"{day:%Y%m%d}-demo{n:02d}", a)
        added += 1
    return added
