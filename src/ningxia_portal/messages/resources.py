"""Message boxes (站内消息): ``/messages/`` holds one box per user, made with the account.

Written for a million cases and concurrent writers. Two staff moving two cases of one
enterprise at once both add a message to its box: each message is a key of its own in the
box's tree (the time in milliseconds, then random bits), so the two inserts touch different
keys and merge (a bucket's split, every few dozen messages, is the rare conflict the retry
takes); the counters are ``BTrees.Length``, whose concurrent changes add up. The box object
itself is written only by "mark all read". Reading a box writes nothing.

Boxes are made when the account is (``on_account_added``; evolve step 27 for the accounts
made before), not with the first message: inserting a new key into the tree of boxes while
other writers do too conflicts whenever a bucket splits (BTrees read their inner nodes
"current" on every insert), and staff moving the cases of many enterprises for the first
time would meet that on one move in ten. An account is added once, by one request.

Keys grow with time, so the newest message is the tree's last key; a page is read backwards
with ``maxKey`` (a lookup each), never by counting or walking the whole tree.
"""

import secrets

from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from persistent import Persistent
from pyramid.authorization import DENY_ALL, Allow, Authenticated

from ningxia_portal.core.trees import SmallNodeLOBTree
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import Permissions

RANDOM_BITS = 20  # below the milliseconds: two writers in one millisecond don't collide


class Messages(Persistent):
    """``/messages/``: every user's box by username. Each user reaches only their own (the
    views read ``request.identity``'s box; a name below is a message id, looked up there)."""

    __name__ = None
    __parent__ = None
    title = _("Messages")
    __acl__ = [(Allow, Authenticated, Permissions.READ_MESSAGES), DENY_ALL]

    def __init__(self):
        self.boxes = OOBTree()

    def box(self, username):
        """The user's box, or None before their first message."""
        return self.boxes.get(username)

    def box_for(self, username):
        """The user's box, made now if they have none yet (an account made before boxes
        were made with accounts, whose database has not run step 27 yet)."""
        box = self.boxes.get(username)
        if box is None:
            box = self.boxes[username] = MessageBox(username)
        return box

    def unread(self, username):
        """How many of the user's messages are unread: a counter, never a message."""
        box = self.boxes.get(username)
        return box.unread() if box is not None else 0

    def __getitem__(self, name):
        """``/messages/<id>``: a message id of whoever asks (checked by the view)."""
        try:
            key = int(name)
        except (TypeError, ValueError):
            raise KeyError(name) from None
        if key <= 0 or str(key) != name:
            raise KeyError(name)
        return MessageLink(key, self)


class MessageLink:
    """A message id in a URL; the view finds it in the viewer's own box, or answers 404."""

    def __init__(self, key, parent):
        self.key = key
        self.__name__ = str(key)
        self.__parent__ = parent


class MessageBox(Persistent):
    """One user's messages by key (time-ordered, see the module), with their counts."""

    def __init__(self, username):
        self.username = username
        self.messages = SmallNodeLOBTree()
        self.total = Length()
        self.unread_count = Length()
        # "Mark all read": every message with a key up to this one is read.
        self.read_upto = 0

    def unread(self):
        return max(0, self.unread_count())

    def __len__(self):
        return self.total()

    def new_key(self, now):
        """A key after the box's newest one (so the order holds under a frozen clock),
        starting with ``now`` in milliseconds, ending with random bits."""
        millis = int(now.timestamp() * 1000)
        try:
            last = self.messages.maxKey() >> RANDOM_BITS
        except ValueError:
            last = 0
        millis = max(millis, last + 1)
        while True:
            key = (millis << RANDOM_BITS) | secrets.randbits(RANDOM_BITS)
            if key not in self.messages:
                return key

    def add(self, message):
        key = self.new_key(message.time)
        message.key = key
        self.messages[key] = message
        self.total.change(1)
        self.unread_count.change(1)
        return message

    def get(self, key):
        return self.messages.get(key)

    def is_read(self, message):
        return message.read or message.key <= self.read_upto

    def mark_read(self, message):
        """Writes the message and the counter, once; an already read message stays as is."""
        if self.is_read(message):
            return False
        message.read = True
        self.unread_count.change(-1)
        return True

    def mark_all_read(self):
        """Every message up to the newest is read: one write of the box and the counter,
        however many there are (a message added meanwhile comes after and stays unread)."""
        try:
            newest = self.messages.maxKey()
        except ValueError:
            return
        if self.read_upto != newest:
            self.read_upto = newest
        if self.unread_count():
            self.unread_count.change(-self.unread_count())

    def newest_keys(self):
        """The messages' keys, newest first: one lookup each, no message loaded."""
        messages = self.messages
        try:
            key = messages.maxKey()
        except ValueError:
            return
        while True:
            yield key
            try:
                key = messages.maxKey(key - 1)
            except ValueError:
                return


class Message(Persistent):
    """One message: when, what it says, where it points (a path below the site), read or not."""

    def __init__(self, time, subject, text, path, kind=""):
        self.key = None
        self.time = time
        self.subject = subject
        self.text = text
        self.path = path
        self.kind = kind  # the workflow that wrote it (filing, appointment …)
        self.read = False


def on_account_added(event):
    """An account was added to ``/principals/``: make its message box in the same
    transaction (see the module's notes)."""
    parent, username = event.parent, getattr(event.object, "username", None)
    if username is None or getattr(parent, "__name__", None) != "principals":
        return
    root = getattr(parent, "__parent__", None)
    messages = root.get("messages") if root is not None else None
    if messages is not None:
        messages.box_for(username)
