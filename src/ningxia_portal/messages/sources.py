"""What a message says about a domain's object: each domain tells the message box.

The box knows no domain. A domain whose workflow moves an enterprise's objects registers,
from its own ``includeme``, what a move of one of them tells the owner::

    config.add_message_source("filing", describe_move)

    def describe_move(filing, event, request):
        return Draft(
            recipient=filing.owner,
            subject=_("Your filing ${case_no} ${state}", mapping={…}),
            text=status_text(STATE_TITLES[event.to_state], event.record.comment),
            target=filing,
        )

``describe(obj, event, request)`` gets the ``WorkflowTransitioned`` event and returns a
``Draft`` (or None: nothing to say). Subject and text are translation strings (their
mapping's values may be too); the box stores them in the portal's language.
"""

from dataclasses import dataclass
from typing import Any

from translationstring import TranslationString

from ningxia_portal.i18n import _

SOURCES_ATTR = "portal_message_sources"


@dataclass(frozen=True)
class Draft:
    """What a message says: to whom (a username), subject, text, and the object it links to."""

    recipient: str
    subject: Any
    text: Any
    target: Any


def add_message_source(config, workflow_name, describe):
    """Config directive: moves of ``workflow_name``'s objects write their owner a message
    (and a mail) that ``describe(obj, event, request) -> Draft | None`` words."""

    def register():
        config.registry.__dict__.setdefault(SOURCES_ATTR, {})[workflow_name] = describe

    config.action(("ningxia_portal.message_source", workflow_name), register)


def message_source(registry, workflow_name):
    return registry.__dict__.get(SOURCES_ATTR, {}).get(workflow_name)


def reply_of(event, owner):
    """The comment of a move as the owner's reply: someone else's words only (the owner's
    own note on a supplement or a cancellation is not a reply to them)."""
    return event.record.comment if event.record.actor != owner else ""


def status_text(state_title, reply=""):
    """The usual text: the new state, and the staff's reply or reasons when they gave one
    (the reply is the owner's business; who wrote it is not said)."""
    state = _("Status: ${state}", mapping={"state": state_title})
    reply = (reply or "").strip()
    if not reply:
        return (state,)
    return (state, _("Reply: ${reply}", mapping={"reply": reply}))


def owner_draft(obj, event, state_titles, subject):
    """The usual message of a move of ``obj``, to its owner: ``subject`` (a translation
    string with ``${state}``, given the new state's title here), the state and the reply.
    """
    state = state_titles[event.to_state]
    return Draft(
        recipient=obj.owner,
        subject=TranslationString(subject, mapping={**(subject.mapping or {}), "state": state}),
        text=status_text(state, reply_of(event, obj.owner)),
        target=obj,
    )
