"""make test's workers keep the tests that start servers on one worker: the grouping has to
take effect, which some pytest and pytest-xdist pairs silently stop doing."""

from pathlib import PurePath
from types import SimpleNamespace

import pytest

from tests.conftest import pytest_collection_modifyitems


@pytest.mark.xdist_group("servers")
def test_a_grouped_test_runs_in_its_group(request):
    if not getattr(request.config.option, "loadgroup", False):
        pytest.skip("not run by a pytest-xdist worker under --dist loadgroup")
    assert request.node.nodeid.endswith("@servers")


def test_the_server_tests_are_grouped_by_their_fixtures_or_marker():
    class Item(SimpleNamespace):
        def get_closest_marker(self, name):
            return name if name in self.marks else None

        def add_marker(self, mark):
            self.added.append(mark.args[0])

    def item(path, fixtures=(), marks=()):
        return Item(path=path, fixturenames=list(fixtures), marks=marks, added=[])

    items = [
        item(PurePath("tests/functional/web/test_health.py"), ["tmp_path", "zeo"]),
        item(PurePath("tests/functional/x.py"), ["relstorage_apps", "postgres", "processes"]),
        item(PurePath("tests/functional/multiprocess/t.py"), marks=("multiprocess",)),
        item(PurePath("tests/browser/test_x.py"), ["page"]),
        item(PurePath("tests/functional/test_y.py"), ["app"]),
    ]
    pytest_collection_modifyitems(None, items)
    assert [i.added for i in items] == [["servers"], ["servers"], ["servers"], ["browser"], []]
