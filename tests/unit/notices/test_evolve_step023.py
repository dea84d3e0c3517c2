"""Step 23 on a database from before it: /notices/ with its secret, ``notice_lists`` filled."""

from datetime import timedelta

from ningxia_portal.notices.evolve import step023
from tests.unit.filings.helpers import NOW, add_case, portal_before


def test_step_23_adds_the_container_and_fills_the_index_in_batches(registry, monkeypatch):
    root = portal_before(23, registry)
    assert "notices" in root  # step 1 makes the registered containers of a new database
    root.remove("notices")
    del root.catalog["notice_lists"]
    accepted = add_case(root, "640100-20260302-000001")
    accepted.state = "accepted"
    accepted.history.append({"transition": "accept", "time": NOW + timedelta(minutes=5)})
    returned = add_case(root, "640100-20260302-000002")
    returned.state = "supplement_required"
    returned.history.append({"transition": "return", "time": NOW + timedelta(minutes=9)})
    add_case(root, "640100-20260302-000003")  # submitted: no notice
    root.catalog["state"].reindex_doc(accepted.__docid__, accepted)
    root.catalog["state"].reindex_doc(returned.__docid__, returned)
    monkeypatch.setattr(step023, "BATCH", 1)  # a savepoint after every case (no jar here)

    step023.evolve(root, registry)

    secret = root["notices"].secret
    assert isinstance(secret, bytes) and len(secret) == 32
    index = root.catalog["notice_lists"]
    assert index.size("acceptance:mine:acme") == 1
    assert index.size("supplement:queue:640100/scjg") == 1
    assert index.size("supplement:queue:640100") == 1
    assert index.size("completion:mine:acme") == 0
    step023.evolve(root, registry)  # again: nothing changes, the secret stays
    assert root["notices"].secret == secret
