"""The actions the portal records, and the log's search form (a GET form: its values are the
page's address, so a bookmark or the CSV link keeps them)."""

import re

import colander
import deform

from ningxia_portal.i18n import _

# Every action the portal fires, with what people read; workflow moves are
# ``workflow.<transition>`` and are found in the log itself.
ACTIONS = {
    "login.success": _("Logged in"),
    "login.failure": _("Login failed"),
    "login.throttled": _("Login throttled"),
    "logout": _("Logged out"),
    "password.changed": _("Password changed"),
    "register.throttled": _("Registration throttled"),
    "2fa.enrolled": _("Second factor enrolled"),
    "2fa.success": _("Second factor accepted"),
    "2fa.failure": _("Second factor refused"),
    "2fa.recovery_used": _("Recovery code used"),
    "2fa.reset": _("Second factor reset"),
    "2fa.disabled": _("Second factor turned off"),
    "role.granted": _("Role granted"),
    "role.revoked": _("Role revoked"),
    "account.created": _("Account created"),
    "account.disabled": _("Account disabled"),
    "account.enabled": _("Account enabled"),
    "calendar.changed": _("Holiday calendar changed"),
    "settings.changed": _("Settings changed"),
}
# Groups a search may name by their prefix: every workflow move, every login event …
PREFIXES = ("login.", "2fa.", "role.", "account.", "workflow.")
ACTION_RE = re.compile(r"^[a-z0-9_.-]*$")
BAD_DATE = _("Please enter a date such as 2026-01-31.")
END_BEFORE_START = _("The end date must not be before the start date.")
BAD_ACTION = _("An action is made of lowercase letters, digits, dots, - and _.")
BOTH_ACTIONS = _("Choose an action from the list or type one, not both.")


class Day(colander.Date):
    """A date with our message when it isn't one."""

    err_template = BAD_DATE


def action_title(request, action):
    """What people read for an action: its title, or ``Workflow: <transition>``."""
    translate = request.localizer.translate
    if action in ACTIONS:
        return translate(ACTIONS[action])
    if action in PREFIXES:
        return translate(_("Every ${prefix}* action", mapping={"prefix": action}))
    if action.startswith("workflow."):
        return translate(_("Workflow: ${name}", mapping={"name": action[len("workflow.") :]}))
    return action


def strip(value):
    return value.strip() if isinstance(value, str) else value


def _text(name, title, max_length, description=None):
    return colander.SchemaNode(
        colander.String(),
        name=name,
        title=title,
        description=description,
        missing="",
        preparer=strip,
        validator=colander.Length(
            max=max_length,
            max_err=_("At most ${max} characters.", mapping={"max": max_length}),
        ),
    )


def filter_schema(request, known):
    """The search form; ``known``: the actions the select offers (the log's and ours)."""
    choices = [("", _("Every action"))]
    choices += [(prefix, action_title(request, prefix)) for prefix in PREFIXES]
    choices += [(a, f"{action_title(request, a)} ({a})") for a in sorted(set(known) | set(ACTIONS))]
    schema = colander.SchemaNode(colander.Mapping(), name="filter", title="")
    schema.add(_text("actor", _("Who (username)"), 64))
    schema.add(
        colander.SchemaNode(
            colander.String(),
            name="action",
            title=_("Action"),
            missing="",
            validator=colander.OneOf(
                [v for v, _t in choices], msg_err=_("Please choose one of the actions listed.")
            ),
            widget=deform.widget.SelectWidget(values=choices, css_class="form-select"),
        )
    )
    other = _text(
        "other_action",
        _("Or type an action"),
        64,
        _("Exact, or a prefix ending with a dot: workflow. finds every workflow move."),
    )
    other.validator = colander.All(other.validator, colander.Regex(ACTION_RE, BAD_ACTION))
    schema.add(other)
    schema.add(_text("target", _("Target (username, case number or path)"), 200))
    for name, title in (("start", _("From (date)")), ("end", _("To (date)"))):
        schema.add(
            colander.SchemaNode(
                Day(),
                name=name,
                title=title,
                missing=None,
                widget=deform.widget.TextInputWidget(attributes={"type": "date"}),
            )
        )

    def consistent(node, value):
        invalid = colander.Invalid(node)
        if value.get("action") and value.get("other_action"):
            invalid["other_action"] = BOTH_ACTIONS
        if value.get("start") and value.get("end") and value["end"] < value["start"]:
            invalid["end"] = END_BEFORE_START
        if invalid.children:
            raise invalid

    schema.validator = consistent
    return schema
