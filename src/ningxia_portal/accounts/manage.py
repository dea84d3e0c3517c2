"""Account management at /manage/accounts/ (admins): list, search, create staff accounts,
grant and revoke roles on the tree, disable and enable accounts."""

import deform
from pyramid.view import view_config

from ningxia_portal.accounts.resources import KIND_STAFF, User
from ningxia_portal.accounts.schemas import (
    ROLE_TITLES,
    GrantSchema,
    ResetSecondFactorSchema,
    RevokeSchema,
    SearchSchema,
    StaffSchema,
    StatusSchema,
    describe_holding,
)
from ningxia_portal.accounts.second_factor import enrolment
from ningxia_portal.accounts.second_factor_views import reset
from ningxia_portal.accounts.sections import AccountsSection, ManagedAccount
from ningxia_portal.core.clock import get_clock
from ningxia_portal.core.events import Audited
from ningxia_portal.i18n import _
from ningxia_portal.security.passwords import get_passwords
from ningxia_portal.security.permissions import Permissions, Roles
from ningxia_portal.web.forms import FormError, FormView
from ningxia_portal.web.paging import Page

FORM_PAGE = "ningxia_portal:web/templates/form.jinja2"


def audit(request, action, target, detail=""):
    """Tell the audit log what an admin did to an account."""
    request.registry.notify(Audited(request, action, target=target, detail=detail))


def grant_text(role_name, scope):
    """A holding as the log stores it: ``reviewer@640100/scjg``, ``admin`` on the portal."""
    return f"{role_name}@{scope}" if scope else str(role_name)


@view_config(
    context=AccountsSection,
    renderer="templates/accounts.jinja2",
    permission=Permissions.MANAGE_ACCOUNTS,
)
class AccountsListView(FormView):
    """Every account, a page at a time from the BTree; the search narrows by prefix."""

    schema_class = SearchSchema
    formid = "search"
    method = "GET"
    title = _("Account management")
    buttons = (deform.Button("search", _("Search")),)

    def submitted(self):
        return "q" in self.request.GET

    def controls(self):
        return self.request.GET.items()

    def __call__(self):
        form = self.make_form()
        query = ""
        if self.submitted():
            try:
                query = form.validate(self.controls())["q"]
            except deform.ValidationFailure as failure:
                return self.listing(form, failure.render(), "")
        return self.listing(form, form.render({"q": query}), query)

    def listing(self, form, html, query):
        users, total = self.context.principals.search(query)
        data = self.render(form, html)
        data.update(page=Page.from_request(self.request, users, total), query=query)
        data["kind_titles"] = {"enterprise": _("Enterprise"), "staff": _("Staff")}
        return data


@view_config(
    context=AccountsSection, name="add", renderer=FORM_PAGE, permission=Permissions.MANAGE_ACCOUNTS
)
class AddStaffView(FormView):
    """A staff account (窗口人员, editor, admin); its roles are granted on its own page."""

    schema_class = StaffSchema
    formid = "add-staff"
    title = _("New staff account")
    buttons = (deform.Button("submit", _("Create")),)

    def succeed(self, appstruct):
        principals = self.context.principals
        if appstruct["username"] in principals:
            raise FormError(_("This username is already taken."), field="username")
        user = User(
            appstruct["username"],
            get_passwords(self.request.registry).hash(appstruct["password"]),
            kind=KIND_STAFF,
            title=appstruct["title"],
            created=get_clock(self.request.registry).now(),
        )
        user.phone, user.email = appstruct["phone"], appstruct["email"]
        principals.add_user(user)
        audit(self.request, "account.created", user.username, "staff")
        return self.redirect(
            self.request.resource_url(self.context[user.username]),
            _("Account ${name} created. Grant its roles below.", mapping={"name": user.username}),
        )


def account_page(context, request):
    """What the account page shows: the account, its roles and its three forms."""
    user = context.user
    forms = {
        "grant": GrantView(context, request),
        "revoke": RevokeView(context, request),
        "status": StatusView(context, request),
        "second_factor": ResetSecondFactorView(context, request),
    }
    rendered, resources = {}, {"js": [], "css": []}
    for name, view in forms.items():
        if name == "revoke" and not user.holdings():
            continue
        if name == "second_factor" and enrolment(user) is None:
            continue
        form = view.make_form()
        rendered[name] = form.render(view.appstruct())
        for kind, found in form.get_widget_resources().items():
            resources[kind].extend(r for r in found if r not in resources[kind])
    holdings = [describe_holding(request, r, s) for r, s in user.holdings()]
    return {
        "user": user,
        "holdings": holdings,
        "forms": rendered,
        "resources": resources,
        "title": user.title,
        "role_titles": ROLE_TITLES,
    }


@view_config(
    context=ManagedAccount,
    renderer="templates/account.jinja2",
    permission=Permissions.MANAGE_ACCOUNTS,
)
def account_view(context, request):
    return account_page(context, request)


class AccountFormView(FormView):
    """A form of the account page: on failure the whole page comes back with its errors."""

    def render(self, form, html):
        data = account_page(self.context, self.request)
        data["forms"][self.formid] = html
        data["failed"] = self.formid
        return data

    def back(self, message):
        return self.redirect(self.request.resource_url(self.context), message)


@view_config(
    context=ManagedAccount,
    name="grant",
    renderer="templates/account.jinja2",
    permission=Permissions.MANAGE_ACCOUNTS,
)
class GrantView(AccountFormView):
    """Grant a role: reviewers on a center or department, complaint handlers on a center
    (never a department: complaints about a department go to someone outside it), editors
    on the portal or a center, admins on the portal."""

    schema_class = GrantSchema
    formid = "grant"
    buttons = (deform.Button("submit", _("Grant")),)

    def make_form(self):
        form = super().make_form()
        form.action = self.request.resource_url(self.context, "grant")
        return form

    def succeed(self, appstruct):
        user = self.context.user
        role_name, scope = appstruct["role"], appstruct["scope"]
        if not user.is_staff:
            raise FormError(_("Roles are granted to staff accounts only."))
        if role_name == Roles.ADMIN and scope:
            raise FormError(_("Administrators hold their role on the whole portal."), "scope")
        if role_name == Roles.EDITOR and "/" in scope:
            raise FormError(_("Editors are granted on the portal or on a center."), "scope")
        if role_name == Roles.REVIEWER and not scope:
            raise FormError(_("Reviewers are granted on a center or a department."), "scope")
        if role_name == Roles.COMPLAINT_HANDLER and (not scope or "/" in scope):
            raise FormError(_("Complaint handlers are granted on a center only."), "scope")
        user.add_holding(role_name, scope)
        audit(self.request, "role.granted", user.username, grant_text(role_name, scope))
        return self.back(
            _(
                "Granted: ${what}.",
                mapping={"what": describe_holding(self.request, role_name, scope)},
            )
        )


@view_config(
    context=ManagedAccount,
    name="revoke",
    renderer="templates/account.jinja2",
    permission=Permissions.MANAGE_ACCOUNTS,
)
class RevokeView(AccountFormView):
    schema_class = RevokeSchema
    formid = "revoke"
    buttons = (deform.Button("submit", _("Revoke")),)

    def make_form(self):
        form = super().make_form()
        form.action = self.request.resource_url(self.context, "revoke")
        return form

    def succeed(self, appstruct):
        user = self.context.user
        role_name, _sep, scope = appstruct["holding"].partition("|")
        if role_name == Roles.ENTERPRISE:
            raise FormError(_("An enterprise account keeps its enterprise role."), "holding")
        if user.username == self.request.identity.username and role_name == Roles.ADMIN:
            raise FormError(_("You cannot revoke your own administrator role."), "holding")
        user.remove_holding(role_name, scope)
        audit(self.request, "role.revoked", user.username, grant_text(role_name, scope))
        return self.back(
            _(
                "Revoked: ${what}.",
                mapping={"what": describe_holding(self.request, role_name, scope)},
            )
        )


@view_config(
    context=ManagedAccount,
    name="status",
    renderer="templates/account.jinja2",
    permission=Permissions.MANAGE_ACCOUNTS,
)
class StatusView(AccountFormView):
    """Disable (it can't log in, its sessions end at once) or enable the account again."""

    schema_class = StatusSchema
    formid = "status"

    @property
    def buttons(self):
        if self.context.user.active:
            return (deform.Button("disable", _("Disable account"), css_class="btn-danger"),)
        return (deform.Button("enable", _("Enable account")),)

    def make_form(self):
        form = super().make_form()
        form.action = self.request.resource_url(self.context, "status")
        return form

    def succeed(self, appstruct):
        user = self.context.user
        if "enable" in self.request.POST:
            user.enable()
            audit(self.request, "account.enabled", user.username)
            return self.back(_("The account has been enabled."))
        if user.username == self.request.identity.username:
            raise FormError(_("You cannot disable your own account."))
        user.disable()
        audit(self.request, "account.disabled", user.username)
        return self.back(_("The account has been disabled; its sessions have ended."))


@view_config(
    context=ManagedAccount,
    name="second_factor",
    renderer="templates/account.jinja2",
    permission=Permissions.MANAGE_ACCOUNTS,
)
class ResetSecondFactorView(AccountFormView):
    """Clear the account's second factor (a lost phone): it enrols again at its next
    visit; the audit log records who reset whose."""

    schema_class = ResetSecondFactorSchema
    formid = "second_factor"
    buttons = (
        deform.Button("reset", _("Reset two-factor authentication"), css_class="btn-danger"),
    )

    def make_form(self):
        form = super().make_form()
        form.action = self.request.resource_url(self.context, "second_factor")
        return form

    def succeed(self, appstruct):
        if enrolment(self.context.user) is None:
            raise FormError(_("This account has no two-factor authentication to reset."))
        reset(self.request, self.context.user)
        return self.back(_("Two-factor authentication has been reset; the account enrols again."))
