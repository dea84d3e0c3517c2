"""Evolve step 26: an older database gains ``/evaluations/`` and its index."""

from ningxia_portal.core import evolve
from ningxia_portal.core.root import Portal
from ningxia_portal.evaluations.evolve import step026
from ningxia_portal.evaluations.resources import Evaluations


def old_root(registry):
    """A root as the steps before 26 left it: no evaluations, no index of theirs."""
    root = Portal()
    for number, fn in evolve.steps(registry):
        if number < 26:
            fn(root, registry)
    root.remove("evaluations")
    del root.catalog["evaluation_lists"]
    return root


def test_step26_adds_the_container_and_the_index(registry):
    root = old_root(registry)
    step026.evolve(root, registry)
    assert isinstance(root["evaluations"], Evaluations)
    assert "evaluation_lists" in root.catalog
    step026.evolve(root, registry)  # twice changes nothing
    assert len(root["evaluations"]) == 0


def test_a_new_database_has_them(registry):
    root = Portal()
    evolve.evolve(root, registry=registry, commit=False)
    assert isinstance(root["evaluations"], Evaluations)
    assert root.schema_version >= 26
