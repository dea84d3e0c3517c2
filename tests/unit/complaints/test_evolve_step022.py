"""Evolve step 22: an old database's plain ``complaints`` folder becomes the container."""

from ningxia_portal.complaints.evolve import step022
from ningxia_portal.complaints.resources import MINE_LIST, Complaints
from ningxia_portal.core import evolve
from ningxia_portal.core.folder import Folder
from ningxia_portal.core.root import Portal
from tests.unit.complaints.helpers import make_complaint


def old_root(registry):
    """A root as the steps before 22 left it, with a plain Folder at ``complaints``."""
    root = Portal()
    for number, fn in evolve.steps(registry):
        if number < 22:
            fn(root, registry)
    root.remove("complaints")
    root.add("complaints", Folder())
    del root.catalog["complaint_lists"]
    return root


def test_step22_replaces_the_plain_folder_keeping_its_children(registry):
    root = old_root(registry)
    complaint = make_complaint()
    root["complaints"].add("20260302-00000001", complaint)
    step022.evolve(root, registry)
    assert isinstance(root["complaints"], Complaints)
    assert root["complaints"]["20260302-00000001"] is complaint
    index = root.catalog["complaint_lists"]
    assert index.size(MINE_LIST + "acme") == 1
    assert list(index.docids([MINE_LIST + "acme"])) == [complaint.__docid__]


def test_a_new_database_and_an_evolved_one_end_equal(registry):
    new = Portal()
    evolve.evolve(new, registry=registry, commit=False)
    old = old_root(registry)
    step022.evolve(old, registry)
    for root in (new, old):
        assert type(root["complaints"]) is Complaints
        assert "complaint_lists" in root.catalog
    step022.evolve(old, registry)  # twice changes nothing
    assert type(old["complaints"]) is Complaints
