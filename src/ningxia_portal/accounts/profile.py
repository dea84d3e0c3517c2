"""Profile (资料修改) and password change (密码修改) of the logged-in account."""

import deform
from pyramid.view import view_config

from ningxia_portal.accounts.auth import LoginThrottled, check_current_password, start_session
from ningxia_portal.accounts.schemas import PasswordSchema, ProfileSchema
from ningxia_portal.core.events import Audited
from ningxia_portal.core.root import Portal
from ningxia_portal.i18n import _
from ningxia_portal.security.passwords import get_passwords
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.web.forms import FormError, FormView

FORM_PAGE = "ningxia_portal:web/templates/form.jinja2"


@view_config(
    context=Portal, name="profile", renderer=FORM_PAGE, permission=Permissions.EDIT_PROFILE
)
class ProfileView(FormView):
    """Contact person, phone, email and whether mail notices go to it; the rest of an
    enterprise's record stays as registered."""

    schema_class = ProfileSchema
    formid = "profile"
    title = _("Edit profile")
    buttons = (deform.Button("submit", _("Save")),)

    @property
    def user(self):
        return self.request.identity

    def appstruct(self):
        found = {key: getattr(self.user, key) or "" for key in ("contact", "phone", "email")}
        found["mail_notices"] = self.user.mail_notices
        return found

    def succeed(self, appstruct):
        for key in ("contact", "phone", "email", "mail_notices"):
            setattr(self.user, key, appstruct[key])
        return self.redirect(self.request.path_url, _("Your profile has been saved."))


@view_config(
    context=Portal, name="password", renderer=FORM_PAGE, permission=Permissions.EDIT_PROFILE
)
class PasswordView(FormView):
    """Change the password: the old one is required, every other session ends."""

    schema_class = PasswordSchema
    formid = "password"
    title = _("Change password")
    buttons = (deform.Button("submit", _("Change password")),)

    def succeed(self, appstruct):
        user = self.request.identity
        passwords = get_passwords(self.request.registry)
        try:
            right = check_current_password(self.request, user, appstruct["old_password"])
        except LoginThrottled:
            raise FormError(
                _("Too many wrong passwords. Please try again later."), field="old_password"
            ) from None
        if not right:
            raise FormError(_("The current password is wrong."), field="old_password")
        if appstruct["old_password"] == appstruct["new_password"]:
            raise FormError(
                _("The new password must differ from the current one."), field="new_password"
            )
        user.password_hash = passwords.hash(appstruct["new_password"])
        user.end_other_sessions()
        headers = start_session(self.request, user)  # this session stays logged in
        self.request.registry.notify(
            Audited(self.request, "password.changed", target=user.username, actor=user.username)
        )
        return self.redirect(
            self.request.application_url + "/",
            _("Your password has been changed; other sessions have been logged out."),
            headers,
        )
