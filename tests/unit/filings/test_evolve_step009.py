"""Evolve step 9: drafts indexed under the old ACL (admins allowed) are reindexed."""

from hypatia.query import Any, Eq
from pyramid.authorization import Allow

from ningxia_portal.core import evolve
from ningxia_portal.core.root import Portal
from ningxia_portal.filings.evolve import step009, step013
from ningxia_portal.security.permissions import Permissions
from tests.unit.filings.helpers import make_filing


class OldDraftACL:
    """What the ``allowed`` discriminator saw of a draft before: admins and the owner."""

    __parent__ = None
    __acl__ = [(Allow, "role:admin", Permissions.VIEW), (Allow, "user:acme", Permissions.VIEW)]


def test_step9_drops_admins_from_the_allowed_index_of_drafts(registry):
    root = Portal()
    for number, fn in evolve.steps(registry):
        if number < 9:
            fn(root, registry)
    draft = make_filing(state="draft")
    case = make_filing(state="submitted")
    root["filings"].add("draft-1", draft)
    root["filings"].add("640100-20260302-000001", case)
    allowed = root.catalog["allowed"]
    # As a database indexed before drafts became their owner's alone.
    allowed.index_doc(draft.__docid__, OldDraftACL())
    assert draft.__docid__ in set(Any(allowed, ["role:admin"]).execute().ids)

    step009.evolve(root, registry)
    step013.evolve(root, registry)  # what an old database goes on to: no case in ``allowed``
    # The draft's stale entry is gone (the catalog's ``lists`` mirror the cases' ACL).
    seen_by_admin = Eq(root.catalog["content_type"], "Filing") & Any(allowed, ["role:admin"])
    assert draft not in list(seen_by_admin.execute(resolver=root.docmap.get))
