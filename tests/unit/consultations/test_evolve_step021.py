"""Step 21: an old database's plain /consultations/ folder becomes the container."""

from ningxia_portal.consultations.evolve import step021
from ningxia_portal.consultations.resources import Consultations
from ningxia_portal.core.folder import Folder
from tests.conftest import new_portal
from tests.unit.filings.helpers import portal_before


def test_the_plain_folder_is_replaced_keeping_children_and_indexes_are_added(registry):
    root = portal_before(21, registry)
    root.remove("consultations")
    old = root.add("consultations", Folder())
    child = old.add("kept", Folder())
    for name in ("consultation_lists", "consultation_text"):
        del root.catalog[name]

    step021.evolve(root, registry)

    assert isinstance(root["consultations"], Consultations)
    assert root["consultations"]["kept"] is child
    assert {"consultation_lists", "consultation_text"} <= set(root.catalog)
    # A new database ends the same.
    fresh = new_portal(registry)
    assert isinstance(fresh["consultations"], Consultations)
    assert set(fresh.catalog) == set(root.catalog)


def test_step21_twice_changes_nothing(registry):
    root = new_portal(registry)
    container = root["consultations"]
    step021.evolve(root, registry)
    assert root["consultations"] is container
