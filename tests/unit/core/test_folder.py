import pytest
from pyramid import testing

from ningxia_portal.core.events import ObjectAdded, ObjectRemoved
from ningxia_portal.core.folder import Folder


@pytest.fixture
def events():
    config = testing.setUp()
    seen = []
    config.add_subscriber(seen.append, ObjectAdded)
    config.add_subscriber(seen.append, ObjectRemoved)
    yield seen
    testing.tearDown()


def test_add_sets_name_and_parent_and_counts(events):
    folder, child = Folder(), Folder()
    folder.add("a", child)
    assert child.__name__ == "a" and child.__parent__ is folder
    assert len(folder) == 1 and folder["a"] is child and "a" in folder
    assert [type(e) for e in events] == [ObjectAdded]


def test_remove_clears_parent_and_fires_before_removal(events):
    folder, child = Folder(), Folder()
    folder.add("a", child)
    removed = folder.remove("a")
    assert removed is child and child.__parent__ is None
    assert len(folder) == 0 and "a" not in folder
    assert isinstance(events[-1], ObjectRemoved) and events[-1].object is child


@pytest.mark.parametrize("name", ["", "@@view", "_private", "a/b", "..", "."])
def test_names_that_break_traversal_are_refused(name):
    with pytest.raises(ValueError):
        Folder().add(name, Folder())


def test_duplicate_name_is_refused():
    folder = Folder()
    folder.add("a", Folder(), send_events=False)
    with pytest.raises(KeyError):
        folder.add("a", Folder(), send_events=False)
    assert len(folder) == 1


def test_keys_are_ordered_and_ranged():
    folder = Folder()
    for name in ["c", "a", "b"]:
        folder.add(name, Folder(), send_events=False)
    assert list(folder) == ["a", "b", "c"]
    assert list(folder.keys(min="b")) == ["b", "c"]
