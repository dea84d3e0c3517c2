"""ningxia-portal-gen's messages: the first enterprise's box, newest first, a few unread."""

from ningxia_portal.bench import script
from tests.unit.bench.test_generate import read_root
from tests.unit.bench.test_generate_accounts import settings_for


def test_the_first_enterprise_gets_the_messages_the_newest_unread(tmp_path):
    counts = {"items": 50, "enterprises": 3, "messages": 60}
    report = script.generate(settings_for(tmp_path), counts, batch=50)
    db, root = read_root(tmp_path)
    try:
        assert report["written"]["messages"] == 60
        first = report["samples"]["enterprise"]
        box = root["messages"].box(first)
        assert len(box) == 60 and box.unread() == 12
        keys = list(box.newest_keys())
        assert len(keys) == 60 and keys == sorted(keys, reverse=True)
        assert not box.is_read(box.get(keys[0])) and box.is_read(box.get(keys[-1]))
        assert box.get(keys[0]).subject.startswith("您的办件 ")
        # every account has its box (made with it), only the first's holds messages
        boxes = root["messages"].boxes
        assert [name for name, box in boxes.items() if len(box)] == [first]
    finally:
        db.close()
