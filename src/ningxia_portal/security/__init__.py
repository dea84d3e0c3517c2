"""Security: the session, CSRF on every unsafe request, and the ACL-based policy."""

from pyramid.session import JSONSerializer, SignedCookieSessionFactory

from ningxia_portal.security.csrf import PortalCSRFStoragePolicy
from ningxia_portal.security.permissions import ROOT_ACL, Permissions
from ningxia_portal.security.policy import PortalSecurityPolicy


def find_user(request, username):
    """The active user object for a session's username (or None)."""
    from ningxia_portal.core.root import root_factory

    principals = root_factory(request).get("principals")
    return principals.get(username) if principals is not None else None


def includeme(config):
    settings = config.registry.settings
    session_factory = SignedCookieSessionFactory(
        settings["portal.secret"],
        cookie_name="portal_session",
        secure=settings["portal.cookie_secure"],
        httponly=True,
        samesite="Lax",
        timeout=settings["portal.session_timeout"],
        reissue_time=max(60, settings["portal.session_timeout"] // 10),
        serializer=JSONSerializer(),
    )
    config.set_session_factory(session_factory)
    config.set_csrf_storage_policy(PortalCSRFStoragePolicy())
    config.set_default_csrf_options(require_csrf=True)
    config.set_security_policy(PortalSecurityPolicy(find_user))
    config.set_root_acl(ROOT_ACL)
    # Templates name permissions for request.has_permission() (get_csrf_token is Pyramid's).
    config.get_jinja2_environment(".jinja2").globals["Permissions"] = Permissions
