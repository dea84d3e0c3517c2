"""The message box (站内消息) and mail: every move of an enterprise's case or request that
someone else made writes the owner a message at ``/messages/`` and, if they want it, a mail
sent after the commit. Each domain tells the box what a message about its objects says
(``config.add_message_source``, sources.py); the box imports no domain.
"""

from ningxia_portal.i18n import _


def includeme(config):
    from ningxia_portal.core.events import ObjectAdded
    from ningxia_portal.messages.resources import Messages, on_account_added
    from ningxia_portal.messages.sources import add_message_source
    from ningxia_portal.messages.views import message_badge, unread_count
    from ningxia_portal.messages.writing import on_transitioned
    from ningxia_portal.workflow import WorkflowTransitioned

    config.add_directive("add_message_source", add_message_source)
    config.add_container("messages", Messages)
    config.add_evolve_steps("ningxia_portal.messages.evolve")  # steps 25, 27
    config.add_subscriber(on_account_added, ObjectAdded)
    config.add_subscriber(on_transitioned, WorkflowTransitioned)
    # 消息 (3) in the main navigation: kept per viewer and their unread counter.
    config.add_nav_link(
        "messages",
        _("Messages"),
        path="messages/",
        order=90,
        count=unread_count,
        version=unread_count,
        badge=message_badge,
    )
