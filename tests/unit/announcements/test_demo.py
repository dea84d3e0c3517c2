"""The demo announcements: realistic data from the package's data file, loaded once."""

from datetime import date

from ningxia_portal.announcements.demo import load_data
from ningxia_portal.announcements.resources import CATEGORIES


def test_data_file_entries_are_complete():
    entries = load_data()
    assert len(entries) >= 3
    for e in entries:
        assert e["title"] and e["summary"] and len(e["body"]) > 100
        assert e["category"] in CATEGORIES
        assert e["scope"] == "" or (e["scope"].isdigit() and len(e["scope"]) == 6)
        date.fromisoformat(e["publication_date"])
    assert {e["category"] for e in entries} == set(CATEGORIES)


def test_demo_loads_published_announcements_once(demo_wsgi_app, open_root):
    from ningxia_portal.announcements.demo import load_announcements

    with open_root(demo_wsgi_app) as root:
        folder = root["announcements"]
        assert len(folder) == len(load_data())
        assert {a.state for a in folder.values()} == {"published"}
        assert load_announcements(root, demo_wsgi_app.registry) == 0
        assert len(folder) == len(load_data())
