"""Complaints (网上投诉): ``/complaints/<id>``, their attachments as blobs.

A complaint names the center (市县) and the department it is about, with their titles as
they stood when it was made, the complainant's details (发布人信息), subject, content, up
to five attachments, its state, history and the complainant's rating.

Its ACL is computed by the complaint workflow (complaints/workflow.py): the complainant,
admins and the complaint handlers of its center, then nobody; the ``complaint_lists``
index mirrors it, so every listing is filtered by the viewer.
"""

import secrets

from persistent import Persistent
from persistent.list import PersistentList
from pyramid.authorization import ALL_PERMISSIONS, DENY_ALL, Allow, Authenticated

from ningxia_portal.complaints.workflow import (
    CLOSED,
    HANDLING,
    OPEN_STATES,
    RECEIVED,
    REPLIED,
    complaint_workflow,
)
from ningxia_portal.core.clock import CST
from ningxia_portal.core.folder import Folder
from ningxia_portal.core.trees import SmallNodeOOBTree
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import ADMIN, ENTERPRISE, Permissions

P = Permissions

# List names of the catalog's ``complaint_lists`` index (Complaint.complaint_lists).
MINE_LIST = "complaint-mine:"
QUEUE_LIST = "complaint-queue:"
# A handler's queue: received first, then being handled, then replied, then closed.
QUEUE_RANK = {RECEIVED: 0, HANDLING: 1, REPLIED: 2, CLOSED: 3}


class Complaints(Folder):
    """``/complaints/``: every complaint, named ``<yyyymmdd>-<random>`` (China's date)."""

    title = _("Complaints")
    __acl__ = [
        (Allow, ADMIN, ALL_PERMISSIONS),
        (Allow, ENTERPRISE, P.FILE),  # /complaints/new
        (Allow, Authenticated, P.VIEW),  # the listing itself; each complaint says who sees it
        DENY_ALL,
    ]

    def __init__(self):
        super().__init__()
        self.data = SmallNodeOOBTree()  # names begin with the day: they grow at one end

    def add_complaint(self, complaint, index=True):
        """Add ``complaint`` under a fresh name: its day, then random hex, so that
        concurrent complaints never take one counter (nor, but by chance, one name)."""
        day = complaint.created.astimezone(CST)
        while True:
            name = f"{day:%Y%m%d}-{secrets.token_hex(4)}"
            if name not in self.data:
                self.add(name, complaint, index=index)
                return name


class Attachment:
    """One uploaded file of a complaint: plain data inside the complaint's file list."""

    def __init__(self, file_id, filename, mimetype, size, blob, uploaded):
        self.file_id = file_id
        self.filename = filename
        self.mimetype = mimetype
        self.size = size
        self.blob = blob
        self.uploaded = uploaded

    def open(self):
        return self.blob.open("r")


class Complaint(Persistent):
    """A complaint: who complains about which department of which center, what, where it
    stands, its history and the complainant's rating."""

    __name__ = None
    __parent__ = None
    # The only indexes a complaint is written into (indexing.catalog.indexes_for): its
    # lists mirror its ACL. Not the public ones (allowed, text, title …): site search never
    # sees a complaint.
    catalog_indexes = ("content_type", "complaint_lists", "complaint_text")

    def __init__(self, owner, center, department, created):
        self.owner = owner.username
        self.enterprise = getattr(owner, "title", "") or owner.username
        self.center_code = center.code
        self.center_title = center.title
        self.department_key = department.department_key
        self.department_title = department.title
        self.complainant = {"name": "", "phone": "", "email": ""}  # 发布人信息
        self.subject = ""
        self.content = ""
        self.created = created
        self.modified = created
        self.revision = 0
        self.rating = None  # {"score", "comment", "time"} once the complainant rates
        complaint_workflow.initialize(self)  # state received, an empty history list
        self.files = PersistentList()
        self.last_file_id = 0

    @property
    def title(self):
        return self.subject

    @property
    def search_fields(self):
        """What the lists' keyword matches (the ``complaint_text`` index): the subject, the
        center and the department."""
        return (self.subject, self.center_title, self.department_title)

    @property
    def waiting(self):
        """Waiting for a handler (received or being handled): the header's count."""
        return self.state in OPEN_STATES

    @property
    def reply(self):
        """The last reply of a handler (what the complainant reads)."""
        for entry in reversed(self.history):
            if entry.get("transition") == "reply" and entry.get("comment"):
                return entry["comment"]
        return ""

    @property
    def replied(self):
        """When the last reply was given, or None."""
        for entry in reversed(self.history):
            if entry.get("transition") == "reply":
                return entry["time"]
        return None

    def complaint_lists(self):
        """The lists of the ``complaint_lists`` index this complaint is on.

        ``complaint-mine:<owner>``, newest first: the complainant's own.
        ``complaint-queue:<center>``: the queue of the center's handlers (this mirrors the
        ACL), received first, then being handled, replied, closed, oldest first within each.
        Facets: the state (the lists' filter), whether it waits for a handler (the count).
        """
        created = self.created.timestamp()
        facets = {"state": self.state, "open": "1" if self.waiting else "0"}
        return {
            MINE_LIST + self.owner: ((-created,), facets),
            QUEUE_LIST + self.center_code: ((QUEUE_RANK[self.state], created), facets),
        }

    # Computed from the state on every read (complaints/workflow.py), never stored.
    __acl__ = property(complaint_workflow.acl)

    # -- files ---------------------------------------------------------------------------
    def add_file(self, filename, mimetype, size, blob, now):
        self.last_file_id += 1
        record = Attachment(str(self.last_file_id), filename, mimetype, size, blob, now)
        self.files.append(record)
        return record

    def get_file(self, file_id):
        for f in self.files:
            if f.file_id == file_id:
                return f
        return None

    def set_rating(self, score, comment, when):
        self.rating = {"score": score, "comment": comment, "time": when}
