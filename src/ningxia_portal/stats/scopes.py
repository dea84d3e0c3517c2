"""Whose figures a viewer sees: the scopes the statistics' queries sum.

Admins see everything (``"*"``) or the center or department they choose; staff the centers
and departments granted to them as reviewers or complaint handlers (a center's grant covers
its departments, which are then never passed beside it: the queries would count twice),
narrowed by their choice; an enterprise its own records (``"user:<name>"``) and nothing
else, with no center or department to choose.
"""

from ningxia_portal.security.permissions import (
    ADMIN,
    ENTERPRISE,
    Roles,
    granted_scopes,
    user_principal,
)

ALL = "*"
STAFF_ROLES = (Roles.REVIEWER, Roles.COMPLAINT_HANDLER)


def dedupe(scopes):
    """``scopes`` without a department whose center is also there, sorted, each once."""
    centers = {s for s in scopes if "/" not in s}
    return tuple(sorted({s for s in scopes if "/" not in s or s.partition("/")[0] not in centers}))


class ViewerScope:
    """The viewer's part of the statistics: ``kind`` is "admin", "staff", "owner" or
    "none" (a logged-in account with nothing to count, e.g. an editor)."""

    def __init__(self, request):
        principals = request.effective_principals
        self.root = request.root
        self.grants = ()
        # Complaints are the complainant's and their center's handlers' (and admins'):
        # among staff, only a complaint handler counts them, and only where granted.
        self.handled = frozenset(granted_scopes(principals, Roles.COMPLAINT_HANDLER))
        if ADMIN in principals:
            self.kind = "admin"
        else:
            grants = [s for role in STAFF_ROLES for s in granted_scopes(principals, role)]
            self.grants = dedupe(grants)
            if self.grants:
                self.kind = "staff"
            elif ENTERPRISE in principals and request.authenticated_userid:
                self.kind = "owner"
            else:
                self.kind = "none"
        self.owner = user_principal(request.authenticated_userid) if self.kind == "owner" else None

    @property
    def filters_places(self):
        """Whether the viewer chooses a center and a department (admins and staff)."""
        return self.kind in ("admin", "staff")

    def centers(self):
        """The codes of the centers the viewer may choose, in the tree's order."""
        codes = list(self.root["centers"].keys())
        if self.kind == "admin":
            return codes
        if self.kind != "staff":
            return []
        granted = {s.partition("/")[0] for s in self.grants}
        return [c for c in codes if c in granted]

    def departments(self, center):
        """The names of the departments of ``center`` the viewer may choose."""
        found = self.root["centers"].get(center) if center else None
        if found is None or center not in self.centers():
            return []
        names = list(found.keys())
        if self.kind == "admin" or center in self.grants:
            return names
        return [n for n in names if f"{center}/{n}" in self.grants]

    def scopes(self, center="", department=""):
        """The scopes to sum for the viewer's choice (already checked against ``centers``
        and ``departments``): never a department beside its own center."""
        if self.kind == "owner":
            return (self.owner,)
        if self.kind == "none":
            return ()
        if department:
            return (f"{center}/{department}",)
        if center:
            if self.kind == "admin" or center in self.grants:
                return (center,)
            return tuple(s for s in self.grants if s.partition("/")[0] == center)
        return (ALL,) if self.kind == "admin" else self.grants

    @property
    def counts_complaints(self):
        """Whether the viewer's figures include complaints: admins', an enterprise's own,
        complaint handlers'; not a reviewer's, who may open no complaint."""
        return self.kind in ("admin", "owner") or (self.kind == "staff" and bool(self.handled))

    def complaint_scopes(self, scopes):
        """The part of ``scopes`` (from ``scopes()``) whose complaints the viewer may count."""
        if self.kind != "staff":
            return scopes
        return tuple(s for s in scopes if s in self.handled)

    def public_centers(self):
        """The centers a scope reaches (for the received-date ranges of a drill-down)."""
        return self.centers()
