"""Colander schemas of the account forms; bound with ``request`` and ``context``.

Every POST schema derives from CSRFSchema. Messages are English msgids translated to
Chinese by the i18n machinery; values are normalised by preparers (trim, case).
"""

import re
import unicodedata

import colander
import deform

from ningxia_portal.accounts import credit_code
from ningxia_portal.i18n import _
from ningxia_portal.web.forms import CSRFSchema

USERNAME_RE = re.compile(r"^[a-z][a-z0-9_]{2,31}$")
PHONE_RE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")
PASSWORD_MIN, PASSWORD_MAX = 6, 20


def strip(value):
    return value.strip() if isinstance(value, str) else value


def lower(value):
    return value.strip().lower() if isinstance(value, str) else value


def upper(value):
    return credit_code.normalise(value) if isinstance(value, str) else value


def password_problem(password):
    """The seed's rule: 6–20 characters with both letters and digits; None when it holds."""
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        return _(
            "The password must have ${min} to ${max} characters.",
            mapping={"min": PASSWORD_MIN, "max": PASSWORD_MAX},
        )
    if not (re.search(r"[A-Za-z]", password) and re.search(r"[0-9]", password)):
        return _("The password must contain both letters and digits.")
    return None


def validate_password(node, value):
    message = password_problem(value)
    if message:
        raise colander.Invalid(node, message)


def validate_phone(node, value):
    if not PHONE_RE.match(value):
        raise colander.Invalid(
            node, _("Enter a mobile number (11 digits) or a landline such as 0951-1234567.")
        )


CREDIT_CODE_MESSAGES = {
    "length": _("A unified social credit code has 18 characters."),
    "characters": _(
        "A unified social credit code has only digits and capital letters, without I, O, S, V, Z."
    ),
    "check": _("The check character (the last one) is wrong: please check the code."),
}


@colander.deferred
def deferred_credit_code_validator(node, kw):
    principals = kw["request"].root["principals"]

    def validate(node, value):
        problem = credit_code.problem(value)
        if problem:
            raise colander.Invalid(node, CREDIT_CODE_MESSAGES[problem])
        if principals.credit_code_taken(value):
            raise colander.Invalid(node, _("This credit code is already registered."))

    return validate


@colander.deferred
def deferred_username_validator(node, kw):
    principals = kw["request"].root["principals"]

    def validate(node, value):
        if not USERNAME_RE.match(value):
            raise colander.Invalid(
                node,
                _(
                    "A username has 3 to 32 characters: lower-case letters, digits and _, "
                    "starting with a letter."
                ),
            )
        if value in principals or credit_code.is_valid(value):
            raise colander.Invalid(node, _("This username is already taken."))

    return validate


def printable(node, value):
    """Refuse control and format characters (NUL, RTL overrides …): they can make one
    enterprise's name look like another's in lists and break exports."""
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs") for ch in value):
        raise colander.Invalid(node, _("Remove the invisible or control characters."))


def text(title, max_length=100, **kw):
    return colander.SchemaNode(
        colander.String(),
        title=title,
        preparer=strip,
        validator=colander.All(
            colander.Length(
                max=max_length,
                max_err=_("At most ${max} characters.", mapping={"max": max_length}),
            ),
            printable,
        ),
        **kw,
    )


def username_node(**kw):
    return colander.SchemaNode(
        colander.String(),
        title=_("Username"),
        description=_("3 to 32 lower-case letters, digits or _, starting with a letter"),
        preparer=lower,
        validator=deferred_username_validator,
        **kw,
    )


def new_password_node(title=None, **kw):
    return colander.SchemaNode(
        colander.String(),
        title=title or _("Password"),
        description=_("6 to 20 characters, with both letters and digits"),
        validator=validate_password,
        widget=deform.widget.CheckedPasswordWidget(
            mismatch_message=_("The two passwords do not match.")
        ),
        **kw,
    )


def phone_node(**kw):
    return colander.SchemaNode(
        colander.String(),
        title=_("Phone"),
        preparer=strip,
        validator=validate_phone,
        **kw,
    )


def email_node(**kw):
    return colander.SchemaNode(
        colander.String(),
        title=_("Email"),
        preparer=strip,
        validator=colander.All(
            colander.Email(msg=_("Enter a valid email address.")), colander.Length(max=254)
        ),
        **kw,
    )


class RegisterSchema(CSRFSchema):
    username = username_node()
    password = new_password_node()
    title = text(_("Enterprise name"), max_length=100)
    credit_code = colander.SchemaNode(
        colander.String(),
        title=_("Unified social credit code"),
        description=_("18 characters, printed on the business licence"),
        preparer=upper,
        validator=deferred_credit_code_validator,
    )
    legal_representative = text(_("Legal representative"), max_length=50)
    contact = text(_("Contact person"), max_length=50)
    phone = phone_node()
    email = email_node()


class LoginSchema(CSRFSchema):
    login = colander.SchemaNode(
        colander.String(),
        title=_("Username or credit code"),
        preparer=strip,
        validator=colander.Length(max=64),
    )
    password = colander.SchemaNode(
        colander.String(),
        title=_("Password"),
        validator=colander.Length(max=200),
        widget=deform.widget.PasswordWidget(),
    )
    came_from = colander.SchemaNode(
        colander.String(), widget=deform.widget.HiddenWidget(), missing=""
    )


class ProfileSchema(CSRFSchema):
    contact = text(_("Contact person"), max_length=50)
    phone = phone_node()
    email = email_node()
    # Messages about cases and requests go to the message box; by mail too if ticked.
    mail_notices = colander.SchemaNode(
        colander.Boolean(),
        title=_("Receive email notifications"),
        description=_("Each reply to your filings and requests is also sent to this email."),
        missing=False,
        widget=deform.widget.CheckboxWidget(),
    )


class PasswordSchema(CSRFSchema):
    old_password = colander.SchemaNode(
        colander.String(),
        title=_("Current password"),
        validator=colander.Length(max=200),
        widget=deform.widget.PasswordWidget(),
    )
    new_password = new_password_node(title=_("New password"))


# Account management (admins).

# The roles an admin may grant, in the order the grant form offers them.
GRANTABLE_ROLES = ("reviewer", "complaint_handler", "editor", "admin")

ROLE_TITLES = {
    "reviewer": _("Reviewer (window staff)"),
    "complaint_handler": _("Complaint handler"),
    "editor": _("Editor"),
    "admin": _("Administrator"),
    "enterprise": _("Enterprise"),
}


class SearchSchema(colander.Schema):
    """The GET search of /manage/accounts/: no CSRF token, it changes nothing."""

    q = colander.SchemaNode(
        colander.String(),
        title=_("Username or credit code starts with"),
        preparer=strip,
        missing="",
        validator=colander.Length(max=64),
    )


class StaffSchema(CSRFSchema):
    username = username_node()
    title = text(_("Full name"), max_length=50)
    password = new_password_node(title=_("Initial password"))
    phone = phone_node(missing="")
    email = email_node(missing="")


def describe_scope(request, scope):
    """A grant's scope as people read it: 银川市 · 银川市市场监督管理局."""
    translate = request.localizer.translate
    if not scope:
        return translate(_("The whole portal"))
    code, _sep, name = scope.partition("/")
    center = request.root["centers"].get(code)
    if center is None:
        return scope
    if not name:
        return translate(_("${center} (whole center)", mapping={"center": center.title}))
    dept = center.get(name)
    return f"{center.title} · {dept.title if dept is not None else name}"


def describe_holding(request, role_name, scope):
    title = ROLE_TITLES.get(role_name, role_name)
    return f"{request.localizer.translate(title)}：{describe_scope(request, scope)}"


def scope_choices(request):
    """The grant scopes as select values: the portal, then each center and its departments."""
    values = [("", describe_scope(request, ""))]
    for center in request.root["centers"].values():
        options = [(center.code, describe_scope(request, center.code))]
        options.extend((f"{center.code}/{name}", dept.title) for name, dept in center.items())
        values.append(deform.widget.OptGroup(center.title, *options))
    return values


def scope_values(root):
    found = {""}
    for center in root["centers"].values():
        found.add(center.code)
        found.update(f"{center.code}/{name}" for name in center)
    return found


@colander.deferred
def deferred_scope_widget(node, kw):
    return deform.widget.SelectWidget(values=scope_choices(kw["request"]))


@colander.deferred
def deferred_scope_validator(node, kw):
    return colander.OneOf(sorted(scope_values(kw["request"].root)))


@colander.deferred
def deferred_role_widget(node, kw):
    translate = kw["request"].localizer.translate
    return deform.widget.SelectWidget(
        values=[(k, translate(ROLE_TITLES[k])) for k in GRANTABLE_ROLES]
    )


class GrantSchema(CSRFSchema):
    role = colander.SchemaNode(
        colander.String(),
        title=_("Role"),
        widget=deferred_role_widget,
        validator=colander.OneOf(GRANTABLE_ROLES),
    )
    scope = colander.SchemaNode(
        colander.String(),
        title=_("Where"),
        description=_(
            "Reviewers on a center or a department; complaint handlers on a center; editors "
            "on the portal or a center"
        ),
        widget=deferred_scope_widget,
        validator=deferred_scope_validator,
        missing="",
    )


def holding_value(role_name, scope):
    return f"{role_name}|{scope}"


@colander.deferred
def deferred_holding_widget(node, kw):
    request, user = kw["request"], kw["context"].user
    values = [(holding_value(r, s), describe_holding(request, r, s)) for r, s in user.holdings()]
    return deform.widget.SelectWidget(values=values)


@colander.deferred
def deferred_holding_validator(node, kw):
    user = kw["context"].user
    return colander.OneOf([holding_value(r, s) for r, s in user.holdings()])


class RevokeSchema(CSRFSchema):
    holding = colander.SchemaNode(
        colander.String(),
        title=_("Role to revoke"),
        widget=deferred_holding_widget,
        validator=deferred_holding_validator,
    )


class StatusSchema(CSRFSchema):
    """Disable or enable: the button says which."""


def code_node(title, description=None):
    """A one-time code: six digits from the app (or, at login, a recovery code)."""
    return colander.SchemaNode(
        colander.String(),
        title=title,
        description=description,
        preparer=strip,
        validator=colander.Length(
            max=32, max_err=_("At most ${max} characters.", mapping={"max": 32})
        ),
        widget=deform.widget.TextInputWidget(
            attributes={"autocomplete": "one-time-code", "spellcheck": "false"}
        ),
    )


class LoginCodeSchema(CSRFSchema):
    """The second step of a login: a code from the app or one of the recovery codes."""

    code = code_node(
        _("Verification code"),
        _("The 6 digits your authenticator app shows now, or one of your recovery codes"),
    )


class ConfirmCodeSchema(CSRFSchema):
    """Enrolment and disabling: a code the app shows now proves the app holds the key."""

    code = code_node(_("Verification code"), _("The 6 digits your authenticator app shows now"))


class ResetSecondFactorSchema(CSRFSchema):
    """An admin clears another account's second factor: the button says it."""
