"""DocMap: random docids by default, a caller's own docid when it hands them out itself."""

import pytest

from ningxia_portal.catalogue.resources import Center
from ningxia_portal.core.evolve import evolve
from ningxia_portal.core.root import Portal


class Doc:
    """Anything the docmap can map."""


@pytest.fixture
def root(registry):
    root = Portal()
    evolve(root, registry=registry, commit=False)
    return root


def test_a_given_docid_is_used_and_kept_when_the_folder_indexes(root):
    center = Center("640100", "银川市", "city", "640000")
    assert root.docmap.add(center, docid=12345) == 12345
    root["centers"].add("640100", center)
    assert center.__docid__ == 12345 and root.docmap.get(12345) is center
    assert list(root.catalog["center"].applyEq("640100")) == [12345]
    assert len(root.docmap) == len(root.docmap.objects)


def test_a_taken_or_out_of_range_docid_is_refused(root):
    root.docmap.add(Doc(), docid=7)
    for docid in (7, 0, 2**31 - 1):
        with pytest.raises(ValueError, match="taken or out of range"):
            root.docmap.add(Doc(), docid=docid)


def test_random_docids_skip_the_taken_ones(root, monkeypatch):
    root.docmap.add(Doc(), docid=7)
    draws = iter([7, 7, 8])
    monkeypatch.setattr("random.randrange", lambda *a: next(draws))
    assert root.docmap.add(Doc()) == 8
