"""ACLs on the tree, checked with each persona's real principals (context-free strings)."""

import pytest
from pyramid.authorization import ACLHelper, Authenticated, Everyone

from ningxia_portal.accounts.demo import load_demo_accounts
from ningxia_portal.accounts.resources import KIND_STAFF, User
from ningxia_portal.catalogue.demo import load_catalogue
from ningxia_portal.core import evolve
from ningxia_portal.core.root import Portal
from ningxia_portal.security.passwords import make_passwords
from ningxia_portal.security.permissions import Permissions, owner_acl
from tests.conftest import DEMO_CENTERS, portal_registry

ACL = ACLHelper()


def principals_of(username, kind="enterprise", roles=None, grants=()):
    user = User(username, "hash", kind=kind)
    if roles is not None:
        user.roles = roles
    user.grants = grants
    return [Everyone, Authenticated, *user.principals()]


ENTERPRISE = principals_of("qiye_a")
REVIEWER_SCJG = principals_of("r1", KIND_STAFF, grants=(("reviewer", "640100/scjg"),))
REVIEWER_CENTER = principals_of("r2", KIND_STAFF, grants=(("reviewer", "640100"),))
REVIEWER_OTHER = principals_of("r3", KIND_STAFF, grants=(("reviewer", "640104/scjg"),))
EDITOR = principals_of("e1", KIND_STAFF, roles=("editor",))
CENTER_EDITOR = principals_of("e2", KIND_STAFF, grants=(("editor", "640100"),))
ADMIN = principals_of("a1", KIND_STAFF, roles=("admin",))
ANONYMOUS = [Everyone]


class _Registry:
    portal_passwords = make_passwords("fast")


@pytest.fixture(scope="module")
def root():
    """The demo tree in memory, without an app: these tests only read it (with the app's
    registry current: it holds the root's ACL)."""
    with portal_registry() as registry:
        portal = Portal()
        evolve.evolve(portal, registry=registry, commit=False)
        load_catalogue(portal, centers=DEMO_CENTERS.split())
        load_demo_accounts(portal, _Registry())
        yield portal


def case_of(dept):
    """A submitted case for the department's first item, as a reviewer meets it."""
    from ningxia_portal.filings.resources import Filing

    item = next(iter(dept.values()))
    case = Filing(item, User("qiye_a", "hash"), None)
    case.state = "submitted"
    return case


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        (ANONYMOUS, False),
        (ENTERPRISE, False),  # the owner views its case, but reviews nothing
        (REVIEWER_SCJG, True),
        (REVIEWER_CENTER, True),
        (REVIEWER_OTHER, False),
        (EDITOR, False),
        (ADMIN, True),
    ],
)
def test_reviewers_review_the_cases_of_their_department_or_center(root, who, allowed):
    """A reviewer grant acts on cases (their ACL names reviewer@<dept> and @<center>), not
    on the department: nothing in the catalogue is theirs to change."""
    scjg = root["centers"]["640100"]["scjg"]
    case = case_of(scjg)
    for permission in (Permissions.PREREVIEW, Permissions.RETURN, Permissions.ACCEPT):
        assert bool(ACL.permits(case, who, permission)) is allowed
    for permission in (Permissions.MANAGE, Permissions.MANAGE_CATALOGUE, Permissions.PUBLISH):
        assert bool(ACL.permits(scjg, who, permission)) is (who is ADMIN or who is EDITOR)


def test_department_reviewer_does_not_review_a_sibling(root):
    case = case_of(root["centers"]["640100"]["sw"])
    assert not ACL.permits(case, REVIEWER_SCJG, Permissions.PREREVIEW)
    assert not ACL.permits(case, REVIEWER_SCJG, Permissions.VIEW)
    assert ACL.permits(case, REVIEWER_CENTER, Permissions.PREREVIEW)


@pytest.mark.parametrize(
    ("who", "center", "allowed"),
    [
        (EDITOR, "640100", True),
        (EDITOR, "640104", True),
        (CENTER_EDITOR, "640100", True),
        (CENTER_EDITOR, "640104", False),
        (REVIEWER_CENTER, "640100", False),
        (ENTERPRISE, "640100", False),
        (ANONYMOUS, "640100", False),
        (ADMIN, "640104", True),
    ],
)
def test_catalogue_editing_and_publishing(root, who, center, allowed):
    dept = root["centers"][center]["scjg"]
    for permission in (Permissions.MANAGE_CATALOGUE, Permissions.PUBLISH):
        assert bool(ACL.permits(dept, who, permission)) is allowed


def test_only_enterprises_file_and_everyone_views(root):
    item = next(iter(root["centers"]["640100"]["scjg"].values()))
    assert ACL.permits(item, ENTERPRISE, Permissions.FILE)
    assert not ACL.permits(item, REVIEWER_SCJG, Permissions.FILE)
    assert not ACL.permits(item, ANONYMOUS, Permissions.FILE)
    assert ACL.permits(item, ANONYMOUS, Permissions.VIEW)


class Owned:
    """What a later domain's object (a filing) looks like to the ACL."""

    def __init__(self, owner):
        self.__acl__ = owner_acl(owner, [Permissions.VIEW, Permissions.FILE])


def test_owner_acl_lets_only_the_owner_in():
    filing = Owned("qiye_a")
    assert ACL.permits(filing, ENTERPRISE, Permissions.FILE)
    assert not ACL.permits(filing, principals_of("qiye_b"), Permissions.FILE)


def test_nothing_under_principals_is_public(root):
    user = root["principals"]["enterprise"]
    assert not ACL.permits(user, ANONYMOUS, Permissions.VIEW)
    assert not ACL.permits(user, principals_of("qiye_b"), Permissions.VIEW)
    assert ACL.permits(user, ADMIN, Permissions.VIEW)
