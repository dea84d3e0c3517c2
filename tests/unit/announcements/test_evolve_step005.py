"""Evolve step 5 turns a plain /announcements/ folder into Announcements, keeping children."""

from datetime import UTC, datetime

from hypatia.query import Eq

from ningxia_portal.announcements.evolve import step005
from ningxia_portal.announcements.resources import Announcement, Announcements
from ningxia_portal.announcements.workflow import PUBLISHED, announcement_workflow
from ningxia_portal.core import evolve
from ningxia_portal.core.folder import Folder
from ningxia_portal.core.root import Portal

WHEN = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def old_root(registry):
    """A database as evolve steps 1–4 left it, with an announcement in the plain folder."""
    root = Portal()
    for number, fn in evolve.steps(registry):
        if number < 5:
            fn(root, registry)
            root.schema_version = number
    root.remove("announcements")  # step 1 made a plain folder before step 5 existed
    root.add("announcements", Folder())
    for name in ("category", "published"):  # as an old catalog would lack them
        if name in root.catalog:
            del root.catalog[name]
    assert type(root["announcements"]) is Folder
    a = Announcement("旧公告", "摘要", "正文", "政策公告", "", "editor", WHEN)
    a.published = WHEN
    announcement_workflow.initialize(a, state=PUBLISHED)
    root["announcements"].add("old-1", a)
    return root, a


def test_step5_replaces_the_folder_and_keeps_and_indexes_its_children(registry):
    root, a = old_root(registry)
    step005.evolve(root, registry)
    folder = root["announcements"]
    assert isinstance(folder, Announcements)
    assert list(folder) == ["old-1"] and len(folder) == 1
    assert folder["old-1"] is a and a.__parent__ is folder
    catalog = root.catalog
    assert {"category", "published"} <= set(catalog)
    found = Eq(catalog["category"], "政策公告").execute(resolver=root.docmap.get)
    assert list(found) == [a]
    assert list(Eq(catalog["content_type"], "Announcements").execute().ids)


def test_step5_is_harmless_when_run_twice(registry):
    root, a = old_root(registry)
    step005.evolve(root, registry)
    folder = root["announcements"]
    step005.evolve(root, registry)
    assert root["announcements"] is folder and folder["old-1"] is a
