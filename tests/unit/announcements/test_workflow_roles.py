"""Who may take which announcement transition, state by state, role by role (from the ACLs)."""

from datetime import UTC, datetime

import pytest
from pyramid.authorization import ACLHelper, Authenticated, Everyone

from ningxia_portal.announcements.resources import Announcement
from ningxia_portal.announcements.workflow import (
    PENDING,
    PRIVATE,
    PUBLISHED,
    RETRACTED,
    announcement_workflow,
)
from ningxia_portal.security.permissions import Permissions

WHEN = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
STAFF = [Everyone, Authenticated]
PEOPLE = {
    "anonymous": [Everyone],
    "enterprise": [*STAFF, "user:ent", "role:enterprise"],
    "reviewer of the center": [*STAFF, "user:rev", "reviewer@640100", "reviewer@640100/scjg"],
    "editor of another center": [*STAFF, "user:ed2", "editor@640104"],
    "editor of the parent region center": [*STAFF, "user:ed0", "editor@640000"],
    "editor of the center": [*STAFF, "user:ed1", "editor@640100"],
    "portal editor": [*STAFF, "user:editor", "role:editor"],
    "admin": [*STAFF, "user:admin", "role:admin"],
}
MAY_ACT_ON_640100 = {"editor of the center", "portal editor", "admin"}
MAY_ACT_REGION_WIDE = {"portal editor", "admin"}
EXPECTED_TRANSITIONS = {
    PRIVATE: {"submit", "publish"},
    PENDING: {"publish", "reject"},
    PUBLISHED: {"retract"},
    RETRACTED: {"redraft"},
}


def announcement(scope, state):
    a = Announcement("标题", "摘要", "正文", "通知公告", scope, "editor", WHEN)
    announcement_workflow.initialize(a, state=state)
    return a


def allowed(a, principals):
    acl = ACLHelper()
    return {
        t.name
        for t in announcement_workflow.transitions_from(a.state)
        if acl.permits(a, principals, t.permission)
    }


@pytest.mark.parametrize("state", [PRIVATE, PENDING, PUBLISHED, RETRACTED])
@pytest.mark.parametrize("who", list(PEOPLE))
def test_center_announcement_transitions_by_role(state, who):
    a = announcement("640100", state)
    expected = EXPECTED_TRANSITIONS[state] if who in MAY_ACT_ON_640100 else set()
    assert allowed(a, PEOPLE[who]) == expected


@pytest.mark.parametrize("state", [PRIVATE, PENDING, PUBLISHED, RETRACTED])
@pytest.mark.parametrize("who", list(PEOPLE))
def test_region_wide_announcement_is_for_portal_editors_only(state, who):
    a = announcement("", state)
    expected = EXPECTED_TRANSITIONS[state] if who in MAY_ACT_REGION_WIDE else set()
    assert allowed(a, PEOPLE[who]) == expected


@pytest.mark.parametrize("state", [PRIVATE, PENDING, RETRACTED])
@pytest.mark.parametrize("who", list(PEOPLE))
def test_only_published_announcements_are_seen_by_the_public(state, who):
    acl = ACLHelper()
    hidden = announcement("640100", state)
    published = announcement("640100", PUBLISHED)
    assert acl.permits(published, PEOPLE[who], Permissions.VIEW)
    assert bool(acl.permits(hidden, PEOPLE[who], Permissions.VIEW)) == (who in MAY_ACT_ON_640100)


def test_a_new_announcement_is_hidden_until_the_workflow_applies_an_acl():
    a = Announcement("标题", "摘要", "正文", "通知公告", "", "editor", WHEN)
    assert not ACLHelper().permits(a, PEOPLE["portal editor"], Permissions.VIEW)


def test_editors_of_the_folder_include_every_centers_editor():
    from ningxia_portal.announcements.resources import Announcements
    from ningxia_portal.core.folder import Folder

    root = Folder()
    root.add("centers", Folder())
    root["centers"].add("640100", Folder())
    folder = root.add("announcements", Announcements())
    acl = ACLHelper()
    for who in ("editor of the center", "portal editor"):
        assert acl.permits(folder, PEOPLE[who], Permissions.ADD_ANNOUNCEMENT)
    for who in ("editor of another center", "enterprise", "anonymous"):
        assert not acl.permits(folder, PEOPLE[who], Permissions.ADD_ANNOUNCEMENT)
