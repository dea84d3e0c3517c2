"""Every state change of an owned object writes the owner a message and, when they want
mail and have an address, a mail sent after the commit.

The owner's own moves (submitting, supplementing, cancelling) write one too: a receipt with
the case number and the state, which the owner keeps (and forwards) as the mail of record
that the application reached the hall. A domain that has nothing to say of a move returns
no ``Draft`` (the evaluations say nothing of the enterprise's own follow-up).

Subjects and texts are stored in the portal's language (``pyramid.default_locale_name``),
not the language of whoever moved the object: the owner reads them.
"""

import logging

from pyramid.i18n import make_localizer
from pyramid.interfaces import ITranslationDirectories
from pyramid.traversal import find_root, resource_path
from translationstring import TranslationString

from ningxia_portal.core.clock import get_clock
from ningxia_portal.i18n import _
from ningxia_portal.messages.mail import build_mail, mail_enabled, send_after_commit
from ningxia_portal.messages.resources import Message
from ningxia_portal.messages.sources import message_source

log = logging.getLogger(__name__)

CONTAINER = "messages"


def portal_localizer(registry):
    """The localizer of the portal's language, made once."""
    found = getattr(registry, "portal_messages_localizer", None)
    if found is None:
        dirs = registry.queryUtility(ITranslationDirectories, default=[])
        found = make_localizer(registry.settings["pyramid.default_locale_name"], dirs)
        registry.portal_messages_localizer = found
    return found


def translate(localizer, value):
    """A translation string (its mapping's translation strings too), a str, or a tuple of
    them as lines."""
    if isinstance(value, tuple | list):
        return "\n".join(translate(localizer, v) for v in value)
    if isinstance(value, TranslationString):
        mapping = value.mapping and {
            k: translate(localizer, v) if isinstance(v, TranslationString) else v
            for k, v in value.mapping.items()
        }
        return localizer.translate(value, mapping=mapping)
    return str(value)


def on_transitioned(event):
    """Write the owner a message about a move, if its workflow's domain says one."""
    request = event.request
    registry = request.registry if request is not None else None
    if registry is None:
        return  # scripts and loaders move without events' requests: no message
    describe = message_source(registry, event.workflow.name)
    if describe is None:
        return
    obj = event.object
    draft = describe(obj, event, request)
    if draft is None:
        return
    root = find_root(obj)
    messages = root.get(CONTAINER)
    principals = root.get("principals")
    user = principals.get(draft.recipient) if principals is not None else None
    if messages is None or user is None:
        return
    localizer = portal_localizer(registry)
    subject = translate(localizer, draft.subject)
    text = translate(localizer, draft.text)
    path = resource_path(draft.target) + "/"
    now = event.record.when if event.record.when is not None else get_clock(registry).now()
    messages.box_for(user.username).add(Message(now, subject, text, path, kind=event.workflow.name))
    if mail_enabled(registry) and user.email and getattr(user, "mail_notices", True):
        link = request.application_url + path
        body = translate(localizer, mail_body(subject, text, link))
        tx = request.tm.get() if getattr(request, "tm", None) is not None else None
        send_after_commit(registry, build_mail(registry, user.email, subject, body), tx)


def mail_body(subject, text, link):
    return (
        subject,
        "",
        text,
        "",
        _("See the details: ${link}", mapping={"link": link}),
        "",
        _("Ningxia Government Service Center, Online Service Hall for Enterprises"),
        _(
            "This mail was sent automatically; please do not reply. You can turn these "
            "mails off in your profile."
        ),
    )
