"""Colander pieces every domain's forms share, and the web layer's own schemas.

The hidden CSRF and revision fields, a contact phone (a mainland mobile or landline), an
email, a required text of bounded length and a choice that must belong to the one chosen
before it (a department of the chosen center): one definition each, so that a rule or a
message changed here changes in every form.
"""

import re

import colander
from deform.widget import HiddenWidget, TextAreaWidget, TextInputWidget

from ningxia_portal.i18n import _
from ningxia_portal.web.forms import CSRFSchema

PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$")
EMAIL_MAX = 254


def strip(value):
    """Preparer: leading and trailing blanks removed (a field of spaces is empty)."""
    return value.strip() if isinstance(value, str) else value


def csrf_node(token):
    """The session's CSRF token as a hidden field (checked globally for every POST).

    Forms built for each request take the token rather than a deferred: nothing is left to
    ``bind``, which would clone the whole schema and walk every node's attributes.
    """
    return colander.SchemaNode(
        colander.String(), name="csrf_token", widget=HiddenWidget(), default=token
    )


def revision_node(revision):
    """The object's revision when the form was shown: a stale form is refused."""
    return colander.SchemaNode(
        colander.Int(), name="revision", widget=HiddenWidget(), default=revision
    )


def phone_validator(node, value):
    """A mainland mobile number (11 digits) or a landline with its area code."""
    if not PHONE.match(value.replace(" ", "")):
        raise colander.Invalid(
            node, _("Please enter a mobile number (11 digits) or a landline such as 0951-1234567.")
        )


def at_most(max_length, message=None):
    """At most ``max_length`` characters (``message``: a form's own wording of it)."""
    return colander.Length(
        max=max_length,
        max_err=message or _("At most ${max} characters.", mapping={"max": max_length}),
    )


def not_blank(message=None):
    """Not empty (after ``strip``)."""

    def validator(node, value):
        if not value:
            raise colander.Invalid(node, message or _("Required"))

    return validator


def member_of(container, message):
    """The value must name one of ``container``'s members (a department of the chosen
    center, an item of the chosen department); none chosen yet (None) refuses any."""

    def validator(node, value):
        if container is None or value not in container:
            raise colander.Invalid(node, message)

    return validator


def one_of(values, message):
    """The value must be one of ``values`` (the codes of a select's choices)."""

    def validator(node, value):
        if value not in values:
            raise colander.Invalid(node, message)

    return validator


def text_node(name, title, max_length, missing_msg=None, *, validators=(), **kw):
    """A required text: stripped, not blank, at most ``max_length`` characters, and
    whatever ``validators`` add (``printable``, a phone …)."""
    return colander.SchemaNode(
        colander.String(),
        name=name,
        title=title,
        preparer=strip,
        validator=colander.All(not_blank(missing_msg), at_most(max_length), *validators),
        missing_msg=missing_msg or _("Required"),
        **kw,
    )


def phone_node(title, missing_msg=None, *, name="phone", preparer=strip, **kw):
    """A contact phone: a mobile or a landline, typed on a phone's number pad."""
    if missing_msg is not None:
        kw["missing_msg"] = missing_msg
    return colander.SchemaNode(
        colander.String(),
        name=name,
        title=title,
        preparer=preparer,
        validator=phone_validator,
        widget=TextInputWidget(attributes={"inputmode": "tel", "autocomplete": "tel"}),
        **kw,
    )


def email_node(title, *, name="email", max_length=EMAIL_MAX, max_err=None, **kw):
    """An optional email address (empty is kept as "")."""
    return colander.SchemaNode(
        colander.String(),
        name=name,
        title=title,
        preparer=strip,
        validator=colander.All(
            colander.Email(msg=_("Enter a valid email address.")), at_most(max_length, max_err)
        ),
        missing="",
        widget=TextInputWidget(attributes={"type": "email", "autocomplete": "email"}),
        **kw,
    )


def comment_node(title, *, required, missing_msg, max_length, rows, validators=()):
    """A move's ``comment``: required (not blank) when the move needs it (an answer, a
    reply), else optional; stripped and bounded either way."""
    bound = (at_most(max_length), *validators)
    return colander.SchemaNode(
        colander.String(),
        name="comment",
        title=title,
        preparer=strip,
        missing=colander.required if required else "",
        missing_msg=missing_msg,
        validator=colander.All(not_blank(missing_msg), *bound)
        if required
        else colander.All(*bound),
        widget=TextAreaWidget(rows=rows),
    )


class RequeueSchema(CSRFSchema):
    """Re-queue one set-aside document (``document``: its queue key), or all (none given)."""

    document = colander.SchemaNode(
        colander.Int(),
        widget=HiddenWidget(),
        missing=None,
        validator=colander.Range(min=1),
    )
