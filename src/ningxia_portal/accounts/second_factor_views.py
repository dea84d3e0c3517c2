"""The second factor's pages: the login's code step, enrolment and disabling in the profile."""

import deform
import pyotp
from markupsafe import Markup
from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from ningxia_portal.accounts import second_factor as sf
from ningxia_portal.accounts.auth import LoginThrottled, start_session
from ningxia_portal.accounts.schemas import ConfirmCodeSchema, LoginCodeSchema
from ningxia_portal.accounts.views import wait_message
from ningxia_portal.core.clock import get_clock
from ningxia_portal.core.root import Portal
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.web.forms import FormError, FormView, flash


def throttled(exc):
    """The code field's message while wrong codes must wait (LoginThrottled ``exc``)."""
    return FormError(wait_message(exc.wait), field="code")


@view_config(
    context=Portal,
    name="login-code",
    renderer="templates/login_code.jinja2",
    permission=Permissions.VIEW,
)
class LoginCodeView(FormView):
    """The login's second step: the password was right, a code completes the login."""

    schema_class = LoginCodeSchema
    formid = "login-code"
    title = _("Verification code")
    buttons = (deform.Button("submit", _("Verify")),)

    def __call__(self):
        self.user, self.came_from = sf.pending_user(self.request)
        if self.user is None:
            sf.drop_pending(self.request)
            flash(self.request, _("Please log in with your password first."))
            return HTTPFound(location=self.request.application_url + "/login")
        return super().__call__()

    def succeed(self, appstruct):
        request, user = self.request, self.user
        factor = sf.enrolment(user)
        code = appstruct["code"]
        recovery = []

        def right():
            if sf.use_code(request.registry, factor, code):
                return True
            if sf.use_recovery_code(request.registry, factor, code):
                recovery.append(True)
                return True
            return False

        try:
            outcome = sf.code_try(request, user.username, right)
        except LoginThrottled as exc:
            sf.audit(request, "2fa.failure", user.username, "throttled", actor=user.username)
            raise throttled(exc) from None
        if not outcome:
            sf.audit(request, "2fa.failure", user.username, actor=user.username)
            raise FormError(_("The code is wrong or has already been used."), field="code")
        action = "2fa.recovery_used" if recovery else "2fa.success"
        sf.audit(request, action, user.username, actor=user.username)
        headers = start_session(request, user)  # drops the pending mark with the old session
        sf.audit(request, "login.success", user.username, actor=user.username)
        message = _("Welcome, ${name}.", mapping={"name": user.title})
        if recovery:
            message = _(
                "Welcome, ${name}. A recovery code was used; ${left} are left.",
                mapping={"name": user.title, "left": len(factor.recovery_hashes)},
            )
        return self.redirect(self.came_from, message, headers)


@view_config(
    context=Portal,
    name="second-factor",
    renderer="templates/second_factor.jinja2",
    permission=Permissions.EDIT_PROFILE,
)
class SecondFactorView(FormView):
    """Enrol (scan the QR or type the key, confirm with a first code, keep the recovery
    codes shown once) or, once enrolled, disable with a current code."""

    schema_class = ConfirmCodeSchema
    formid = "second-factor"
    title = _("Two-factor authentication")

    @property
    def user(self):
        return self.request.identity

    @property
    def buttons(self):
        if sf.enrolment(self.user) is None:
            return (deform.Button("enrol", _("Confirm and enable")),)
        label = _("Disable two-factor authentication")
        return (deform.Button("disable", label, css_class="btn-danger"),)

    def pending_factor(self):
        """The unconfirmed authenticator being enrolled (made on the first visit)."""
        factor = getattr(self.user, "second_factor", None)
        if factor is None:
            factor = sf.SecondFactor(pyotp.random_base32(), get_clock(self.request.registry).now())
            self.user.second_factor = factor
        return factor

    def render(self, form, html):
        data = super().render(form, html)
        enrolled = sf.enrolment(self.user)
        data.update(enrolled=enrolled, required=sf.is_staff_account(self.user))
        data["must"] = data["required"] and sf.required(self.request.registry)
        if enrolled is None:
            factor = self.pending_factor()
            uri = sf.provisioning_uri(self.user, factor.secret)
            title = self.request.localizer.translate(_("QR code for your authenticator app"))
            data["qr"] = Markup(sf.qr_svg(uri, title))  # noqa: S704 - segno's own SVG
            data["secret"] = " ".join(factor.secret[i : i + 4] for i in range(0, 32, 4))
        else:
            data["left"] = len(enrolled.recovery_hashes)
        return data

    def succeed(self, appstruct):
        request, user = self.request, self.user
        enrolled = sf.enrolment(user)
        factor = enrolled or self.pending_factor()
        try:
            outcome = sf.code_try(
                request,
                user.username,
                lambda: sf.use_code(request.registry, factor, appstruct["code"]),
            )
        except LoginThrottled as exc:
            raise throttled(exc) from None
        if not outcome:
            sf.audit(
                request, "2fa.failure", user.username, "enrolment" if not enrolled else "disable"
            )
            raise FormError(_("The code is wrong or has already been used."), field="code")
        if enrolled is not None:
            user.second_factor = None
            sf.audit(request, "2fa.disabled", user.username)
            return self.redirect(
                request.path_url, _("Two-factor authentication has been disabled.")
            )
        factor.confirmed = get_clock(request.registry).now()
        codes = sf.new_recovery_codes(request.registry, factor)
        sf.audit(request, "2fa.enrolled", user.username)
        request.override_renderer = "templates/recovery_codes.jinja2"
        title = request.localizer.translate(_("Two-factor authentication is on"))
        return {"codes": codes, "title": title}


def reset(request, user):
    """An admin clears ``user``'s second factor (a lost phone): they enrol again."""
    user.second_factor = None
    sf.audit(request, "2fa.reset", user.username)


def banner(request):
    """The personal part asking an unenrolled staff account to enrol (when not forced,
    the only reminder; when forced, the enrolment page says it itself)."""
    if request.view_name == "second-factor" or not sf.needs_enrolment(request):
        return Markup()
    text = request.localizer.translate(
        _("Staff accounts should use two-factor authentication. Please enable it now.")
    )
    link = request.localizer.translate(_("Enable two-factor authentication"))
    return Markup(
        '<div class="container second-factor-banner" role="status">{} '
        '<a href="{}/second-factor">{}</a></div>\n'
    ).format(text, request.application_url, link)
