"""Filings (办件): ``/filings/<case_no>``, their materials as blobs, case numbers.

A Filing keeps its service item by reference *and* a snapshot of what the enterprise saw
(title, code, department, depth, promised days, materials), so a later edit of the item
never rewrites a case's history.

What a case writes once is plain data inside its records, not a persistent object each:
the snapshot and material reviews in the Filing's, history entries in its history list's,
file records (``FileRecord``) in its file list's. A submission stores 3 records of its own
besides the blobs, where it stored 12 with six files (~6% of a submission's time). Cases
stored before keep their persistent parts (``PersistentMapping``, ``StoredFile``): both
shapes read and change alike, so no migration rewrites a million cases.

Its ACL is computed by the filing workflow (filings/workflow.py) from the case's state: the
owner, the reviewers of the item's department and center, and admins (a draft's: the owner
alone), then nobody; the ``lists`` index mirrors it, so every listing is filtered by the viewer.
"""

from datetime import timedelta

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from persistent.list import PersistentList
from pyramid.authorization import ALL_PERMISSIONS, DENY_ALL, Allow, Authenticated
from ZODB.blob import Blob

from ningxia_portal.core.folder import Folder
from ningxia_portal.core.trees import SmallNodeOOBTree
from ningxia_portal.filings import workflow
from ningxia_portal.filings.workflow import filing_workflow
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import ADMIN, Permissions

P = Permissions

NO_DEADLINE = 10**7  # sorts after every date's ordinal
MINE_LIST = "mine:"  # list names of the catalog's ``lists`` index (Filing.catalog_lists)
QUEUE_LIST = "queue:"

# Review marks a reviewer puts on each material when returning a case (一次性告知).
MATERIAL_OK = "ok"
MATERIAL_MISSING = "missing"
MATERIAL_INSUFFICIENT = "insufficient"
MATERIAL_STATUS_TITLES = {
    MATERIAL_OK: _("Acceptable"),
    MATERIAL_MISSING: _("Missing"),
    MATERIAL_INSUFFICIENT: _("Insufficient, to be corrected"),
}


class Filings(Folder):
    """``/filings/``: every case, named by case number; drafts by a ``draft-`` name."""

    title = _("Online filings")
    __acl__ = [
        (Allow, ADMIN, ALL_PERMISSIONS),
        (Allow, Authenticated, P.VIEW),  # the listing itself; each case says who sees it
        DENY_ALL,
    ]

    # uploader -> OOBTree(uid -> size) of their stash entries, to cap each uploader's share;
    # created on first use (containers stored before it have None).
    stash_owners = None

    def __init__(self):
        super().__init__()
        self.data = SmallNodeOOBTree()  # case numbers grow at one end (core/trees.py)
        self.sequences = OOBTree()  # "<center>-<yyyymmdd>" -> Sequence
        self.uploads = OOBTree()  # stash of accepted uploads of unfinished forms
        self.stash_owners = OOBTree()

    # -- the upload stash (deform's tmpstore, see uploads.ZODBTmpStore) ------------------
    def stash_put(self, uid, entry):
        if self.stash_owners is None:
            self.stash_owners = OOBTree()
        mine = self.stash_owners.get(entry.owner)
        if mine is None:
            mine = self.stash_owners[entry.owner] = OOBTree()
        mine[uid] = entry.size
        self.uploads[uid] = entry

    def stash_drop(self, uid):
        entry = self.uploads.pop(uid, None)
        if entry is None or self.stash_owners is None:
            return
        mine = self.stash_owners.get(entry.owner)
        if mine is not None:
            mine.pop(uid, None)
            if not mine:
                del self.stash_owners[entry.owner]

    def stash_usage(self, owner, since):
        """(entries, bytes) ``owner`` holds in the stash with keys from ``since`` on (live).

        Keys begin with the upload time, so the live ones are a range; an uploader never
        holds more than the cap, so this reads a handful of entries.
        """
        mine = self.stash_owners.get(owner) if self.stash_owners is not None else None
        if mine is None:
            return 0, 0
        sizes = list(mine.values(min=since))
        return len(sizes), sum(sizes)

    def next_sequence(self, key):
        """The next number of a day's sequence (``key`` = ``<center>-<yyyymmdd>``).

        Taken in the transaction that adds the case, so an aborted or replayed submission
        gives its number back: numbers have no gaps. The counter is a plain object whose
        concurrent writes conflict (one transaction is replayed), so every number is handed
        out once; submissions of one process don't even meet (``serialized`` views).
        """
        seq = self.sequences.get(key)
        if seq is None:
            seq = self.sequences[key] = Sequence()
        seq.value += 1
        return seq.value

    def add_case(self, filing, center_code, day, index=True, numbers=None):
        """Add ``filing`` under a fresh case number ``<center>-<yyyymmdd>-<seq:06d>``.

        A number whose name is somehow taken is skipped, never reused. ``index=False``
        leaves the cataloguing to the caller (services.submit queues it). ``numbers``
        (filings/numbers.py): a process's reserved blocks to take the number from, instead
        of the day's counter in this transaction.
        """
        key = f"{center_code}-{day:%Y%m%d}"
        take = self.next_sequence if numbers is None else lambda key: numbers(self, key)
        while True:
            name = f"{key}-{take(key):06d}"
            if name not in self.data:
                filing.case_no = name
                self.add(name, filing, index=index)
                return name


class Sequence(Persistent):
    """A day's case counter of one center. Deliberately without conflict resolution."""

    def __init__(self):
        self.value = 0


class FileRecord:
    """One uploaded file of a case, kept in its file list; never overwritten, only marked
    as replaced (``Filing.replace_material``, which marks the list changed)."""

    def __init__(self, file_id, material, filename, mimetype, size, blob, uploaded, round_):
        self.file_id = file_id
        self.material = material  # index into the snapshot's materials
        self.filename = filename
        self.mimetype = mimetype
        self.size = size
        self.blob = blob
        self.uploaded = uploaded
        self.round = round_  # 0 = the application, n = the n-th supplement
        self.replaced_in = None  # the supplement round that replaced it, if any

    def open(self):
        return self.blob.open("r")


class StoredFile(FileRecord, Persistent):
    """A file record of a case stored before file records were plain data: a persistent
    object of its own. Kept so those cases load; new files are ``FileRecord``s."""


class Filing(Persistent):
    """A case: who applied for what, with which materials, where it stands, its history."""

    __name__ = None
    __parent__ = None
    # The highest file id handed out so far; None on cases stored before the counter
    # existed (add_file then starts after their highest id).
    last_file_id = None
    item_key = None  # set at creation; evolve step 8 sets it on older cases
    # Was the promised date counted over a year whose holidays are provisional (computed, not
    # yet published)? Set with the deadline; older cases read as not provisional.
    deadline_provisional = False
    # The only indexes a case is written into (indexing.catalog.indexes_for). Left out:
    # - values unique per case (title, created, modified: a persistent set per distinct
    #   value in a FieldIndex): lists are ordered by ``lists``, case numbers are ``case_no``'s;
    # - the indexes public pages read (center, scope, department, item, allowed, text): a
    #   million cases there would make every catalogue page, search and home count of a
    #   center or department intersect the cases' sets too. Cases have ``case_item`` of
    #   their own ("<center>/<dept>/<item>": a center's or department's cases are a range
    #   of its keys), and the ``lists`` mirror their ACL;
    # - what no page asks of cases (owner, depth, pending: the lists hold each owner's
    #   cases and count those pending), and words: the lists' keyword matches the few
    #   distinct item and applicant names (``item_title``, ``applicant``) instead of a text
    #   index, which wrote a posting per two characters on every submission (evolve 15).
    # Each FieldIndex costs a submission a few buckets (and, every 30 cases, a node of up to
    # 500 children): eight were cut to six by dropping case_center and case_department.
    catalog_indexes = (
        "content_type",
        "state",
        "deadline",
        "item_title",
        "applicant",
        "case_no",
        "lists",
        "case_item",
        "notice_lists",  # the notices package's: the lists of notices each viewer may print
    )

    def __init__(self, item, owner, created):
        self.item = item
        self.snapshot = snapshot_item(item)
        dept = item.department
        self.center_code = item.center_code
        self.department_key = dept.department_key
        # "<center>/<dept>/<item>" as filed (the ``item`` index): stored, not derived, so a
        # later move of the item doesn't change which item the case was made for.
        self.item_key = item.item_key
        self.scope_codes = tuple(item.scope_codes or ())
        self.owner = owner.username
        self.applicant = applicant_of(owner)
        self.case_no = None
        self.description = ""
        self.contact = ""
        self.phone = ""
        self.created = created
        self.modified = created
        self.submitted = None  # first submission
        self.deadline = None  # promised date (a date), from the last (re)submission
        self.finished = None
        self.revision = 0
        filing_workflow.initialize(self)  # state draft, an empty history list
        self.files = PersistentList()
        self.last_file_id = 0
        self.material_reviews = {}  # material index -> {status, note}: set_material_reviews
        self.supplement_round = 0

    # -- what indexes and templates read -------------------------------------------------
    @property
    def title(self):
        return self.case_no or self.snapshot["title"]

    @property
    def pending(self):
        """Waiting for a reviewer: submitted, not finished, not back with the enterprise."""
        return self.state not in (workflow.DRAFT, workflow.SUPPLEMENT_REQUIRED) and (
            self.finished is None
        )

    @property
    def case_item(self):
        return self.item_key

    @property
    def depth(self):
        return self.snapshot["depth"]

    @property
    def item_title(self):
        return self.snapshot["title"]

    @property
    def item_code(self):
        return self.snapshot["code"]

    @property
    def materials(self):
        return self.snapshot["materials"]

    @property
    def applicant_title(self):
        """The enterprise's name as it filed (the ``applicant`` index)."""
        return self.applicant["title"]

    def catalog_lists(self):
        """The lists of the catalog's ``lists`` index this case is on (indexing/lists.py).

        ``mine:<owner>``, newest first, drafts included: the enterprise's own filings.
        ``queue:<department>`` and ``queue:<center>``, submitted cases only: the work queues
        of the reviewers granted there (these mirror the ACL below), those awaiting review
        first, then by promised date. Facets are what the lists' filters count.
        """
        created = self.created.timestamp() if self.created is not None else 0.0
        lists = {
            MINE_LIST + self.owner: (
                (-created,),
                {"department": self.department_key, "item": self.item_title},
            )
        }
        if self.state != workflow.DRAFT:
            pending = self.pending
            deadline = self.deadline.toordinal() if self.deadline is not None else NO_DEADLINE
            key = (0 if pending else 1, deadline)
            facets = {"department": self.department_key, "pending": "1" if pending else "0"}
            for scope in self.reviewer_scopes:
                lists[QUEUE_LIST + scope] = (key, facets)
        return lists

    @property
    def reviewer_scopes(self):
        """Where a reviewer grant lets staff review the case: its department and center
        (the ACL below, and the queues of ``catalog_lists`` that mirror it)."""
        return (self.department_key, self.center_code)

    def touch(self, now):
        """A draft was saved: its forms' revision moves on (transitions move it themselves)."""
        self.modified = now
        self.revision += 1

    # Computed from the state on every read (filings/workflow.py), never stored per case.
    __acl__ = property(filing_workflow.acl)

    # -- files ---------------------------------------------------------------------------
    def next_file_id(self):
        """A file id never used on this case before, even after a draft's file was removed:
        ids name downloads and removals, so a reused id would serve or drop the wrong file."""
        last = self.last_file_id
        if last is None:
            last = max((int(f.file_id) for f in self.files), default=0)
        self.last_file_id = last + 1
        return str(self.last_file_id)

    def add_file(self, material, filename, mimetype, size, blob, now):
        file_id = self.next_file_id()
        record = FileRecord(
            file_id, material, filename, mimetype, size, blob, now, self.supplement_round
        )
        self.files.append(record)
        return record

    def get_file(self, file_id):
        for f in self.files:
            if f.file_id == file_id:
                return f
        return None

    def current_files(self, material=None):
        return [
            f
            for f in self.files
            if f.replaced_in is None and (material is None or f.material == material)
        ]

    def remove_draft_file(self, file_id):
        """Drafts only: a file the enterprise took back before submitting."""
        if self.state != workflow.DRAFT:
            raise ValueError("only a draft's files may be removed")
        f = self.get_file(file_id)
        if f is not None:
            self.files.remove(f)

    def replace_material(self, material, round_):
        """Mark the current files of a material as replaced (kept in the history)."""
        for f in self.current_files(material):
            if f.round < round_:
                f.replaced_in = round_
                self.files._p_changed = True  # the records are plain data inside the list

    def set_material_reviews(self, marks):
        """A reviewer's verdict on each material (一次性告知), replacing the last one."""
        self.material_reviews = {index: dict(mark) for index, mark in enumerate(marks)}

    # -- what the enterprise and reviewers read --------------------------------------------
    @property
    def reply(self):
        """The comment of the last review transition (the reply the enterprise reads): never
        a comment made with the owner's own transitions (submit, supplement), whoever took
        them (a case stored while admins could still supplement may hold an admin's)."""
        for entry in reversed(self.history):
            if entry.get("transition") in workflow.REVIEW_TRANSITIONS and entry.get("comment"):
                return entry["comment"]
        return ""

    def last_entry(self, transition_name):
        for entry in reversed(self.history):
            if entry["transition"] == transition_name:
                return entry
        return None


def snapshot_item(item):
    """What the enterprise saw of the item when it filed (plain data, never updated)."""
    dept = item.department
    center = item.center
    return {
        "title": item.title,
        "code": item.code,
        "item_type": item.item_type,
        "department_title": dept.title if dept is not None else "",
        "center_title": center.title if center is not None else "",
        "depth": item.depth,
        "promised_days": item.promised_days,
        "statutory_days": item.statutory_days,
        "materials": tuple(
            {
                "name": m.name,
                "required": bool(m.required),
                "copies": m.copies,
                "form": m.form,
                "notes": m.notes,
            }
            for m in item.materials
        ),
    }


def applicant_of(user):
    """The enterprise's name and identifiers as they stood when it filed."""
    return {
        "username": user.username,
        "title": getattr(user, "title", "") or user.username,
        "credit_code": getattr(user, "credit_code", "") or "",
        "legal_representative": getattr(user, "legal_representative", "") or "",
    }


class StashedUpload(Persistent):
    """An upload accepted on a form that came back with errors (deform's tmpstore)."""

    def __init__(self, owner, filename, mimetype, size, blob, created):
        self.owner = owner
        self.filename = filename
        self.mimetype = mimetype
        self.size = size
        self.blob = blob
        self.created = created


def new_blob(fp, chunk=1024 * 1024):
    """A Blob holding what ``fp`` reads from its start."""
    blob = Blob()
    fp.seek(0)
    with blob.open("w") as out:
        while True:
            data = fp.read(chunk)
            if not data:
                break
            out.write(data)
    return blob


def stash_expiry(now, hours):
    return now - timedelta(hours=hours)
