"""ningxia-portal-gen's consultations: small N into a temp FileStorage, read back through the
catalog's lists."""

import itertools
from collections import Counter

import pytest

from ningxia_portal.bench import script
from ningxia_portal.consultations.resources import Consultation
from tests.unit.bench.test_generate import read_root
from tests.unit.bench.test_generate_accounts import settings_for

COUNTS = {"items": 100, "enterprises": 10, "reviewers": 40, "consultations": 300}


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    path = tmp_path_factory.mktemp("gen-consultations")
    report = script.generate(settings_for(path), COUNTS, batch=200)
    db, root = read_root(path)
    yield report, root
    db.close()


def test_counts_histories_and_lists(generated):
    report, root = generated
    assert report["written"]["consultations"] == 300 == report["totals"]["consultations"]
    found = list(root["consultations"].values())
    assert all(isinstance(c, Consultation) for c in found)
    states = Counter(c.state for c in found)
    assert {"asked", "answered", "published"} <= set(states)
    for c in found:
        history = list(c.history)
        assert c.revision == len(history)
        assert all(a["to_state"] == b["from_state"] for a, b in itertools.pairwise(history))
        assert (c.answer != "") == c.is_answered
    lists = root.catalog["consultation_lists"]
    owners = Counter(c.owner for c in found)
    for owner, n in owners.items():
        assert lists.size("mine:" + owner) == n
    published = sum(1 for c in found if c.state == "published")
    assert lists.size("faq") == published
    assert (
        lists.counts([n for n in lists.names("queue:") if "/" not in n], "answered").get("0", 0)
        == states["asked"]
    )
    # The names are ordered as the consultations were asked.
    names = list(root["consultations"].keys())
    created = [root["consultations"][n].created for n in names]
    assert created == sorted(created)


def test_samples_name_a_consultation_of_the_first_enterprise(generated):
    report, root = generated
    path = report["samples"].get("consultation")
    assert path and path.startswith("/consultations/")
    c = root["consultations"][path.split("/")[2]]
    assert c.owner == report["samples"]["enterprise"]
