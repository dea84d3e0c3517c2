"""Consultations (网上咨询): ``/consultations/<id>``, a question of an enterprise to a
department, its answer, and whether it is published as the department's FAQ.

A consultation keeps the department by key and a copy of the names the enterprise saw
(center and department titles), so a later rename never rewrites what was asked.
Its ACL is computed by the consultation workflow (consultations/workflow.py); the
``consultation_lists`` index mirrors it, so every listing is filtered by the viewer.
"""

import secrets

from persistent import Persistent
from pyramid.authorization import ALL_PERMISSIONS, DENY_ALL, Allow, Authenticated, Deny, Everyone

from ningxia_portal.consultations import workflow
from ningxia_portal.consultations.workflow import consultation_workflow
from ningxia_portal.core.clock import CST
from ningxia_portal.core.folder import Folder
from ningxia_portal.core.trees import SmallNodeOOBTree
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import ADMIN, ENTERPRISE, Permissions

P = Permissions

# List names of the catalog's ``consultation_lists`` index (Consultation.catalog_lists).
MINE_LIST = "mine:"  # an enterprise's own, newest first
QUEUE_LIST = "queue:"  # a department's or center's, unanswered first (oldest first)
FAQ_LIST = "faq:"  # a department's published ones, newest first
FAQ_ALL = "faq"  # every published one, newest first

SUBJECT_MAX = 100
CONTENT_MAX = 2000
ANSWER_MAX = 4000
NAME_MAX = 50


class Consultations(Folder):
    """``/consultations/``: every consultation, named by a time-ordered random id."""

    title = _("Online consultations")
    # Enterprises ask (admins too hold every permission elsewhere, but not this one: a
    # question asked by an admin would read as an enterprise's). Logged-in viewers get the
    # list (it shows what each may see); each consultation says who sees it.
    __acl__ = [
        (Allow, ENTERPRISE, P.FILE),
        (Deny, Everyone, P.FILE),
        (Allow, ADMIN, ALL_PERMISSIONS),
        (Allow, Authenticated, P.VIEW),
        DENY_ALL,
    ]

    def __init__(self):
        super().__init__()
        self.data = SmallNodeOOBTree()  # names begin with the time: they grow at one end

    def new_name(self, now):
        """``<yyyymmddHHMMSS><8 hex>`` in China's time: ordered by time, and two concurrent
        writers never pick the same one (no shared counter to fight over)."""
        stamp = now.astimezone(CST).strftime("%Y%m%d%H%M%S")
        while True:
            name = stamp + secrets.token_hex(4)
            if name not in self.data:
                return name


class Consultation(Persistent):
    """A question (咨询) of an enterprise to a department, and the department's answer."""

    __name__ = None
    __parent__ = None
    # The only indexes a consultation is written into (indexing.catalog.indexes_for).
    catalog_indexes = (
        "content_type",
        "state",
        "consultation_lists",
        "consultation_text",
    )

    def __init__(self, owner, department, asker, phone, subject, content, created):
        center = department.center
        self.owner = owner.username
        self.enterprise = getattr(owner, "title", "") or owner.username
        self.center_code = center.code
        self.center_title = center.title
        self.department_key = department.department_key
        self.department_title = department.title
        self.asker = asker  # 姓名 as entered (prefilled from the profile's contact)
        self.phone = phone
        self.subject = subject
        self.content = content
        self.created = created
        self.modified = created
        self.answer = ""
        self.answered = None
        self.answered_by = ""
        self.published = None
        self.revision = 0
        consultation_workflow.initialize(self)  # asked, an empty history list

    __acl__ = property(consultation_workflow.acl)

    @property
    def title(self):
        return self.subject

    @property
    def is_answered(self):
        return self.state in workflow.ANSWERED_STATES

    @property
    def reviewer_scopes(self):
        """Where a reviewer grant lets staff answer it: its department and center (the ACL,
        and the queues of ``catalog_lists`` that mirror it)."""
        return (self.department_key, self.center_code)

    def search_fields(self):
        """What the list's search fields match (the ``consultation_text`` index): 咨询人
        (the name given, and the enterprise's), 咨询主题, 咨询部门."""
        return (f"{self.asker}\n{self.enterprise}", self.subject, self.department_title)

    def catalog_lists(self):
        """The lists of the ``consultation_lists`` index this consultation is on.

        ``mine:<owner>``: the enterprise's own, newest first. ``queue:<department>`` and
        ``queue:<center>``: the staff's (they mirror the ACL), unanswered first, the
        longest waiting at the top, then the answered ones newest first. ``faq:<department>``
        and ``faq``: published ones, newest first (public: they show no name or phone).
        """
        created = self.created.timestamp()
        answered = "1" if self.is_answered else "0"
        lists = {
            MINE_LIST + self.owner: ((-created,), {"answered": answered}),
        }
        key = (1, -created) if self.is_answered else (0, created)
        facets = {"answered": answered, "department": self.department_key}
        for scope in self.reviewer_scopes:
            lists[QUEUE_LIST + scope] = (key, facets)
        if self.state == workflow.PUBLISHED and self.published is not None:
            published = (-self.published.timestamp(),)
            lists[FAQ_LIST + self.department_key] = (published, {})
            lists[FAQ_ALL] = (published, {})
        return lists
