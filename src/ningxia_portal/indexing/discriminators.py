"""What each index stores about an object. Pickled with the indexes: keep them importable."""

from pyramid.authorization import ACLHelper

from ningxia_portal.security.permissions import Permissions


class Attr:
    """Read an attribute (calling it if it is a method); ``default`` when absent or None."""

    def __init__(self, name):
        self.name = name

    def __call__(self, obj, default):
        value = getattr(obj, self.name, None)
        if callable(value):
            value = value()
        return default if value is None else value


def content_type(obj, default):
    return type(obj).__name__


def allowed_principals(obj, default):
    """Principals allowed to view the object, from the ACLs of its lineage.

    Principals are context-free (``user:x``, ``role:admin``, ``reviewer@640100/scjg``), so a
    query ``Any(allowed, request's principals)`` filters results by the viewer's permission.
    """
    if obj.__parent__ is None and getattr(obj, "__acl__", None) is None:
        return default
    principals = ACLHelper().principals_allowed_by_permission(obj, Permissions.VIEW)
    return sorted(principals) or default
