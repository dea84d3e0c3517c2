"""Policy announcements (政策公告): the ``/announcements/`` folder, announcements, attachments.

An announcement's scope is the whole region (``REGION_WIDE``) or one center's division
code. A visitor who chose a center sees the whole-region announcements, that center's, and
those of the centers above it (a 银川市 notice concerns an enterprise of 兴庆区 too); one
who chose nothing sees them all. The ``center`` index holds the scope, so that filter is an
``Any(center, [REGION_WIDE, code, *ancestors])`` query.
"""

from datetime import UTC, datetime

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from persistent.list import PersistentList
from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone

from ningxia_portal.core.clock import CST, local_iso
from ningxia_portal.core.folder import Folder
from ningxia_portal.i18n import _, terms
from ningxia_portal.security.permissions import EDITOR, Permissions, Roles, grant

# Categories are data (they appear as written in official notices), not UI messages.
CATEGORIES = ("政策公告", "通知公告", "政策解读")
CATEGORY_TITLES = terms(
    {
        "政策公告": _("Policy announcement"),
        "通知公告": _("Notice"),
        "政策解读": _("Policy interpretation"),
    }
)
REGION_WIDE = "all"  # the scope value (and ``center`` index value) of a whole-region notice

_FOLDER_PERMISSIONS = (Permissions.ADD_ANNOUNCEMENT, Permissions.MANAGE_ANNOUNCEMENTS)


def center_editor(code):
    """The principal of an editor granted on one center: ``editor@640100``."""
    return grant(Roles.EDITOR, code)


class Announcements(Folder):
    """``/announcements/``: every announcement, named ``<yyyymmdd>-<random>``.

    Portal editors and the editors of every center may add; the ACL lists the centers'
    editor principals because a grant is a context-free principal (``editor@640100``).
    """

    title = _("Policy announcements")

    @property
    def __acl__(self):
        acl = [(Allow, EDITOR, _FOLDER_PERMISSIONS)]
        root = self.__parent__
        centers = root.get("centers") if root is not None else None
        if centers is not None:
            acl.extend((Allow, center_editor(code), _FOLDER_PERMISSIONS) for code in centers)
        return acl


# What a Change's ``fields`` may name, as editors read it in the history.
FIELD_TITLES = {
    "created": _("Created"),
    "title": _("Title"),
    "category": _("Category"),
    "scope": _("Scope"),
    "summary": _("Summary"),
    "body": _("Body"),
    "publication_date": _("Publication date"),
    "attachments": _("Attachments"),
}


class Change(Persistent):
    """One edit in an announcement's modification history: who, when, which fields."""

    def __init__(self, when, actor, fields, note=""):
        self.when = when
        self.actor = actor
        self.fields = tuple(fields)
        self.note = note

    def as_dict(self):
        """For JSON: the time in China's time, as everything a person reads."""
        return {
            "when": local_iso(self.when),
            "actor": self.actor,
            "fields": list(self.fields),
            "note": self.note,
        }


class Announcement(Persistent):
    """One announcement. ``body`` is the editor's Markdown, ``body_html`` its sanitised HTML.

    Attachments are traversable children (``/announcements/<id>/<key>``) kept in an OOBTree
    under ``files``; they inherit the announcement's ACL, so a download needs exactly the
    permission that reading the announcement needs.
    """

    __name__ = None
    __parent__ = None
    # Until the workflow applies its state's ACL, nobody sees a new announcement.
    __acl__ = ((Deny, Everyone, ALL_PERMISSIONS),)
    state = None
    workflow_history = None
    revision = 0  # moved on by every transition and edit (the transition form's guard)
    published = None  # aware UTC datetime of the first publication
    publication_date = None  # the date shown (an editor may set it; else the day published)

    def __init__(self, title, summary, body, category, scope, author, created):
        self.title = title
        self.summary = summary
        self.body = body
        self.body_html = ""
        self.body_text = ""
        self.category = category
        self.scope = scope
        self.author = author
        self.created = created
        self.modified = created
        self.changes = PersistentList()
        self.files = OOBTree()
        self._file_counter = 0

    # -- traversal: attachments ----------------------------------------------------------
    def __getitem__(self, key):
        return self.files[key]

    def attachments(self):
        return list(self.files.values())

    def add_attachment(self, attachment):
        self._file_counter += 1
        key = f"f{self._file_counter}"
        attachment.__name__ = key
        attachment.__parent__ = self
        self.files[key] = attachment
        return attachment

    def remove_attachment(self, key):
        attachment = self.files.pop(key)
        attachment.__parent__ = None
        return attachment

    # -- what the catalog reads ----------------------------------------------------------
    @property
    def center_code(self):
        return self.scope or REGION_WIDE

    @property
    def scope_codes(self):
        return [self.scope or REGION_WIDE]

    @property
    def sort_date(self):
        """Newest-first order of the listings: the shown date, then the moment published."""
        if self.published is None:
            return None
        if self.publication_date is None:
            return self.published
        local = self.published.astimezone(CST)
        return datetime.combine(self.publication_date, local.timetz()).astimezone(UTC)

    def shown_date(self, tz):
        """The publication date visitors see (None before the first publication)."""
        if self.publication_date is not None:
            return self.publication_date
        return self.published.astimezone(tz).date() if self.published else None

    def searchable_text(self):
        """Keyword search matches the title, the summary and the body's text without tags."""
        return "\n".join(filter(None, (self.title, self.summary, self.body_text)))

    def record_change(self, when, actor, fields, note=""):
        self.changes.append(Change(when, actor, fields, note))
        self.modified = when
        self.revision += 1


class Attachment(Persistent):
    """A file attached to an announcement, stored in a ZODB blob."""

    __name__ = None
    __parent__ = None

    def __init__(self, filename, content_type, size, blob, uploaded, uploader):
        self.filename = filename
        self.content_type = content_type
        self.size = size
        self.blob = blob
        self.uploaded = uploaded
        self.uploader = uploader

    @property
    def title(self):
        return self.filename
