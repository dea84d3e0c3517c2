"""The ``notice_lists`` index: per kind, the notices each viewer may print, newest first.

A case is on ``<kind>:mine:<owner>`` and ``<kind>:queue:<department>`` /
``<kind>:queue:<center>`` for each notice its history makes available, keyed by the time
the notice was issued: the lists mirror the case's ACL as the filings' ``lists`` do, so a
page of ``/notices/`` is a merge of a few ordered lists, a total is a few counters, and no
case is read but the 20 shown. A row is (case, kind): a case with an acceptance and a
completion notice is two rows.
"""

import heapq

from ningxia_portal.filings.notices import KINDS, issued_notices
from ningxia_portal.filings.resources import MINE_LIST, QUEUE_LIST, Filing
from ningxia_portal.filings.workflow import DRAFT
from ningxia_portal.indexing.lists import ListIndex, scope_lists
from ningxia_portal.security.permissions import ADMIN, Roles, granted_scopes


def list_name(kind, scope_list):
    """``acceptance:mine:acme``, ``refusal:queue:640100/scjg`` …"""
    return f"{kind}:{scope_list}"


def notice_lists(obj, default):
    """The discriminator (pickled with the index: keep it importable by this name)."""
    if not isinstance(obj, Filing) or obj.state == DRAFT or obj.case_no is None:
        return default
    found = {}
    scopes = [MINE_LIST + obj.owner] + [QUEUE_LIST + s for s in obj.reviewer_scopes]
    for kind, entry in issued_notices(obj):
        key = (-entry["time"].timestamp(),)
        for scope in scopes:
            found[list_name(kind, scope)] = (key, {})
    return found or default


def viewer_lists(index, request, kinds=KINDS):
    """{kind: [list names]} the viewer reads: an enterprise its own, staff the queues of
    the departments and centers where they review, admins every center's."""
    principals = request.effective_principals
    staff = ADMIN in principals or bool(granted_scopes(principals, Roles.REVIEWER))
    if not staff:
        mine = MINE_LIST + (request.authenticated_userid or "")
        return {kind: [list_name(kind, mine)] for kind in kinds}
    return {kind: scope_lists(index, list_name(kind, QUEUE_LIST), principals) for kind in kinds}


class NoticeListIndex(ListIndex):
    """ListIndex whose rows are (docid, list name): a case is on several lists of one
    viewer, once per kind of notice it has, and each is a row of its own."""

    def rows(self, lists):
        """(sort key, docid, kind) of the lists ``{kind: names}`` merged, newest first."""

        def of(kind, order):
            for entry in order:  # (*sort key, docid)
                yield (*entry, kind)

        iterators = []
        for kind, names in lists.items():
            for name in names:
                order = self._orders.get(name)
                if order is not None:
                    iterators.append(of(kind, order))
        seen = set()
        for entry in heapq.merge(*iterators, key=lambda e: (e[:-1], KINDS.index(e[-1]))):
            docid, kind = entry[-2], entry[-1]
            if (docid, kind) not in seen:
                seen.add((docid, kind))
                yield entry[:-2], docid, kind

    def doc_rows(self, docid, lists):
        """(sort key, docid, kind) of one case on the lists ``{kind: names}``."""
        entries = self.entries(docid)
        found = []
        for kind, names in lists.items():
            for name in names:
                if name in entries:
                    found.append((entries[name][0], docid, kind))
                    break
        return found
