"""Helpers for announcement tests: put announcements in the database as a loader would."""

from contextlib import contextmanager
from datetime import UTC, date, datetime, time

import pytest
from ZODB.blob import Blob

from ningxia_portal.announcements.files import check_upload
from ningxia_portal.announcements.resources import Announcement, Attachment
from ningxia_portal.announcements.richtext import html_to_text, markdown_to_html
from ningxia_portal.announcements.workflow import PUBLISHED, announcement_workflow
from ningxia_portal.core.clock import CST
from tests.conftest import committing

WHEN = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


@contextmanager
def committing_root(wsgi_app):
    """The app's root, committed on leaving (for arranging data outside a request)."""
    with committing(wsgi_app) as root:
        yield root


def add_announcement(
    root,
    title,
    state=PUBLISHED,
    scope="",
    category="通知公告",
    summary="摘要",
    body="正文",
    day=date(2026, 3, 1),
    files=(),
    raw_html=None,
    name=None,
):
    """An announcement in ``state``; ``files`` are (filename, bytes); returns its name."""
    a = Announcement(title, summary, body, category, scope, author="editor", created=WHEN)
    a.body_html = raw_html if raw_html is not None else markdown_to_html(body)
    a.body_text = html_to_text(a.body_html)
    if state == PUBLISHED:
        a.published = datetime.combine(day, time(9, 0), CST).astimezone(UTC)
    announcement_workflow.initialize(a, state=state)
    folder = root["announcements"]
    name = name or f"t{len(folder) + 1:04d}"
    folder.add(name, a)
    for filename, data in files:
        import io

        clean, kind = check_upload(filename, io.BytesIO(data), len(data), 10**7)
        blob = Blob()
        with blob.open("w") as out:
            out.write(data)
        a.add_attachment(Attachment(clean, kind.content_type, len(data), blob, WHEN, "editor"))
    return name


@pytest.fixture
def arrange():
    """``with arrange(wsgi_app) as root:`` — changes are committed."""
    return committing_root
