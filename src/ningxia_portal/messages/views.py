"""``/messages/``: the logged-in user's own messages, newest first, 20 a page.

Every view reads the box of ``request.identity`` and no other: a message id is looked up in
the viewer's own box, so another user's id is a 404 like any unknown one. Reading the box
writes nothing; marking read writes the message and the unread counter.

``/messages/<id>`` (GET) marks the message read and goes on to its object: a link in the
box (and a mail) opens the object in one click. A page elsewhere could make a browser
follow such a link, but it could only mark one of the viewer's own messages read, which is
harmless; everything else changes by POST with the CSRF token.
"""

from markupsafe import Markup
from pyramid.decorator import reify
from pyramid.httpexceptions import HTTPNotFound, HTTPSeeOther
from pyramid.view import view_config, view_defaults

from ningxia_portal.core.clock import local_iso
from ningxia_portal.i18n import _
from ningxia_portal.messages.resources import MessageLink, Messages
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.web.forms import flash
from ningxia_portal.web.paging import Page, parse_page
from ningxia_portal.web.rows import RowCache

TEMPLATE = "ningxia_portal:messages/templates/box.jinja2"
# A message's row, kept per version of the message, read or not, the page it is shown on
# and the session's CSRF token (its "mark as read" form): only its owner ever sees it.
ROWS = RowCache("ningxia_portal:messages/templates/row.jinja2")


def viewer_box(request):
    messages = request.root.get("messages")
    if messages is None or request.identity is None:
        return None
    return messages.box(request.identity.username)


def unread_count(request):
    """The viewer's unread messages (the header's 消息 (3)): a counter, never a message."""
    messages = request.root.get("messages") if getattr(request, "root", None) else None
    if messages is None or request.identity is None:
        return 0
    return messages.unread(request.identity.username)


def message_badge(request, count):
    """``(3)`` after 消息, read out as "3 条未读消息"."""
    if not count:
        return Markup()
    label = request.localizer.translate(_("${count} unread messages", mapping={"count": count}))
    return Markup(
        ' <span class="nav-count" aria-hidden="true">({})</span>'
        '<span class="visually-hidden">{}</span>'
    ).format(count, label)


@view_defaults(context=Messages, permission=Permissions.READ_MESSAGES)
class MessageBoxView:
    def __init__(self, context, request):
        self.context = context
        self.request = request
        self.box = viewer_box(request)

    def page(self):
        """(Page of messages, unread count): the page's keys by lookups from the newest,
        then its messages; the total is a counter."""
        box = self.box
        if box is None:
            return Page.from_request(self.request, iter(()), 0), 0
        page = Page.from_request(self.request, box.newest_keys(), len(box))
        page.items = [box.get(key) for key in page.items]
        return page, box.unread()

    @reify
    def base_url(self):
        """``/messages/``'s address, once a request (each row's links start with it)."""
        return self.request.resource_url(self.context)

    @reify
    def app_url(self):
        return self.request.application_url

    def row(self, message):
        return {
            "id": str(message.key),
            "time": local_iso(message.time),
            "subject": message.subject,
            "text": message.text,
            "read": self.box.is_read(message),
            "url": self.app_url + message.path,
            "open_url": f"{self.base_url}{message.key}",
        }

    @view_config(accept="text/html", request_method="GET", renderer=TEMPLATE)
    def html(self):
        page, unread = self.page()
        csrf_token = self.request.session.get_csrf_token()
        shared = {
            "read_url": f"{self.base_url}read",
            "csrf_token": csrf_token,
            "page_number": page.number,
        }
        key = ROWS.page_key(self.request)
        rows = [
            ROWS.row(
                self.request,
                key,
                message,
                lambda message=message: {**shared, "msg": message, "m": self.row(message)},
                self.box.is_read(message),
                page.number,
                csrf_token,
            )
            for message in page.items
        ]
        return {
            "page": page,
            "rows": rows,
            "unread": unread,
            "read_all_url": f"{self.base_url}read-all",
            "csrf_token": csrf_token,
        }

    @view_config(accept="application/json", request_method="GET", renderer="json")
    def json(self):
        page, unread = self.page()
        return {
            "total": page.total,
            "unread": unread,
            "page": page.number,
            "pages": page.pages,
            "messages": [self.row(m) for m in page.items],
        }

    def back(self):
        number = parse_page(self.request.POST.get("page"))
        query = {"page": number} if number > 1 else None
        return HTTPSeeOther(self.request.resource_url(self.context, query=query))

    @view_config(name="read", request_method="POST")
    def mark_read(self):
        message = _own_message(self.box, self.request.POST.get("id"))
        self.box.mark_read(message)
        return self.back()

    @view_config(name="read-all", request_method="POST")
    def mark_all_read(self):
        if self.box is not None and self.box.unread():
            self.box.mark_all_read()
            flash(self.request, _("Every message is marked as read."))
        return self.back()


def _own_message(box, value):
    """The viewer's message with id ``value``, or 404 (another's id is not theirs)."""
    try:
        key = int(value)
    except (TypeError, ValueError):
        raise HTTPNotFound() from None
    message = box.get(key) if box is not None else None
    if message is None:
        raise HTTPNotFound()
    return message


@view_config(context=MessageLink, permission=Permissions.READ_MESSAGES, request_method="GET")
def open_message(context, request):
    """Mark the message read and go to its object."""
    box = viewer_box(request)
    message = _own_message(box, context.key)
    box.mark_read(message)
    return HTTPSeeOther(request.application_url + message.path)
