"""Every permission and role of the portal, in one place.

Views and ACLs name these constants, never string literals. Roles are principals:

* ``role:<name>`` — a role held everywhere (``role:admin``, ``role:editor``, ``role:enterprise``);
* ``<role>@<scope>`` — a role granted on one part of the tree, where scope is a center code
  (``reviewer@640100``) or ``<center>/<department>`` (``reviewer@640100/scjg``). Such
  principals don't depend on the request's context, so ACLs can name them and the catalog
  can index them;
* ``user:<username>`` — the owner of an enterprise's objects.
"""

from enum import StrEnum


class Permissions(StrEnum):
    VIEW = "view"
    # Announcements: add to the folder, list drafts, edit one, move it through its workflow.
    ADD_ANNOUNCEMENT = "add_announcement"
    MANAGE_ANNOUNCEMENTS = "manage_announcements"
    EDIT_ANNOUNCEMENT = "edit_announcement"
    PUBLISH_ANNOUNCEMENT = "publish_announcement"


class Roles(StrEnum):
    ADMIN = "admin"
    EDITOR = "editor"
    REVIEWER = "reviewer"
    ENTERPRISE = "enterprise"


def role(name):
    """The principal of a role held everywhere: ``role:admin``."""
    return f"role:{name}"


def grant(name, scope):
    """The principal of a role granted on a center or department: ``reviewer@640100/scjg``."""
    return f"{name}@{scope}"


def user_principal(username):
    return f"user:{username}"


ADMIN = role(Roles.ADMIN)
EDITOR = role(Roles.EDITOR)
ENTERPRISE = role(Roles.ENTERPRISE)
