"""Registration, login and logout: the public doors of the accounts domain."""

import deform
from pyramid.httpexceptions import HTTPFound
from pyramid.security import forget
from pyramid.view import view_config

from ningxia_portal.accounts.auth import (
    LoginThrottled,
    authenticate,
    registration_allowed,
    start_session,
)
from ningxia_portal.accounts.resources import KIND_ENTERPRISE, User
from ningxia_portal.accounts.schemas import LoginSchema, RegisterSchema
from ningxia_portal.accounts.second_factor import hold_at_password
from ningxia_portal.core.clock import get_clock
from ningxia_portal.core.events import Audited
from ningxia_portal.core.root import Portal
from ningxia_portal.i18n import _
from ningxia_portal.security.passwords import get_passwords
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.security.redirects import safe_came_from
from ningxia_portal.web.forms import FormError, FormView, flash


def wait_message(wait):
    """The refusal of a throttled try, saying when to try again."""
    if wait < 60:
        return _(
            "Too many failed attempts. For your security, please try again in ${seconds} seconds.",
            mapping={"seconds": max(1, int(wait + 0.999))},
        )
    return _(
        "Too many failed attempts. For your security, please try again in ${minutes} minutes.",
        mapping={"minutes": int(wait // 60) + (1 if wait % 60 else 0)},
    )


def audit(request, action, target="", detail="", actor=None):
    request.registry.notify(Audited(request, action, target=target, detail=detail, actor=actor))


@view_config(
    context=Portal, name="login", renderer="templates/login.jinja2", permission=Permissions.VIEW
)
class LoginView(FormView):
    """Log in by username or credit code; go back to ``came_from`` if it is on this site."""

    schema_class = LoginSchema
    formid = "login"
    title = _("Log in")

    buttons = (deform.Button("submit", _("Log in")),)

    def appstruct(self):
        return {"came_from": self.request.params.get("came_from", "")}

    def succeed(self, appstruct):
        login = appstruct["login"]
        try:
            user = authenticate(self.request, login, appstruct["password"])
        except LoginThrottled as throttled:
            detail = f"wait {int(throttled.wait)}s"
            audit(self.request, "login.throttled", target=login, detail=detail)
            raise FormError(wait_message(throttled.wait)) from None
        if user is None:
            audit(self.request, "login.failure", target=login)
            raise FormError(
                _(
                    "Wrong username or password, or the account has been disabled "
                    "(contact the administrator)."
                )
            )
        # The password was right: this is the one place that goes on to remember the user
        # (after the second factor's code, for an account that has one).
        target = safe_came_from(self.request, appstruct["came_from"])
        if held := hold_at_password(self.request, user, target):  # a code is asked first
            return held
        return self.remember(user, target)

    def remember(self, user, target):
        """Log ``user`` in and go back to ``target``."""
        headers = start_session(self.request, user)
        audit(self.request, "login.success", target=user.username, actor=user.username)
        return self.redirect(target, _("Welcome, ${name}.", mapping={"name": user.title}), headers)


@view_config(
    context=Portal,
    name="register",
    renderer="templates/register.jinja2",
    permission=Permissions.VIEW,
)
class RegisterView(FormView):
    """Enterprise registration (企业注册): the account is logged in straight away."""

    schema_class = RegisterSchema
    formid = "register"
    title = _("Enterprise registration")

    buttons = (deform.Button("submit", _("Register")),)

    def succeed(self, appstruct):
        try:
            registration_allowed(self.request)
        except LoginThrottled as throttled:
            detail = f"wait {int(throttled.wait)}s"
            audit(self.request, "register.throttled", target=appstruct["username"], detail=detail)
            raise FormError(
                _(
                    "Too many registrations from your network. Please try again in ${minutes} "
                    "minutes.",
                    mapping={"minutes": int(throttled.wait // 60) + 1},
                )
            ) from None
        principals = self.request.root["principals"]
        if appstruct["username"] in principals:  # taken meanwhile by a concurrent request
            raise FormError(_("This username is already taken."), field="username")
        user = User(
            appstruct["username"],
            get_passwords(self.request.registry).hash(appstruct["password"]),
            kind=KIND_ENTERPRISE,
            title=appstruct["title"],
            created=get_clock(self.request.registry).now(),
        )
        for key in ("credit_code", "legal_representative", "contact", "phone", "email"):
            setattr(user, key, appstruct[key])
        principals.add_user(user)
        self.request.registry.notify(
            Audited(self.request, "account.created", user.username, "enterprise", user.username)
        )
        headers = start_session(self.request, user)
        return self.redirect(
            self.request.application_url + "/",
            _("Registration complete. Welcome, ${name}.", mapping={"name": user.title}),
            headers,
        )


@view_config(
    context=Portal,
    name="logout",
    renderer="templates/logout.jinja2",
    permission=Permissions.VIEW,
    request_method="GET",
)
def logout_confirm(context, request):
    """A page with the logout button, for links: logging out itself needs a POST."""
    return {"logged_in": request.identity is not None}


@view_config(context=Portal, name="logout", permission=Permissions.VIEW, request_method="POST")
def logout(context, request):
    user = request.identity
    headers = forget(request)
    if user is not None:
        audit(request, "logout", target=user.username, actor=user.username)
    flash(request, _("You have logged out."))
    return HTTPFound(location=request.application_url + "/", headers=headers)
