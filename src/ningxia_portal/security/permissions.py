"""Every permission and role of the portal, in one place.

Views and ACLs name these constants, never string literals. Roles are principals:

* ``role:<name>`` — a role held everywhere (``role:admin``, ``role:editor``, ``role:enterprise``);
* ``<role>@<scope>`` — a role granted on one part of the tree, where scope is a center code
  (``reviewer@640100``) or ``<center>/<department>`` (``reviewer@640100/scjg``). Such
  principals don't depend on the request's context, so ACLs can name them and the catalog
  can index them;
* ``user:<username>`` — the owner of an enterprise's objects.
"""

from enum import StrEnum

from pyramid.authorization import ALL_PERMISSIONS, Allow, Authenticated, Everyone


class Permissions(StrEnum):
    VIEW = "view"  # browse public pages (everyone)
    EDIT_PROFILE = "edit_profile"  # own profile and password (any logged-in user)
    FILE = "file"  # file applications, book, ask, complain (enterprises)
    MANAGE = "manage"  # enter /manage/ (editors, admins)
    MANAGE_CATALOGUE = "manage_catalogue"  # centers' departments and items (editors)
    PUBLISH = "publish"  # policy announcements (editors)
    MANAGE_ACCOUNTS = "manage_accounts"  # accounts and roles (admins)
    MANAGE_INDEXING = "manage_indexing"  # the catalog's queue and set-aside documents (admins)
    MANAGE_CALENDAR = "manage_calendar"  # the holiday calendar's overrides (admins)
    # Announcements: add to /announcements/, see the editors' desk, edit one (PUBLISH above
    # moves one through its workflow).
    ADD_ANNOUNCEMENT = "add_announcement"
    MANAGE_ANNOUNCEMENTS = "manage_announcements"
    EDIT_ANNOUNCEMENT = "edit_announcement"
    # Online filing: the owner's own actions on a case …
    EDIT_FILING = "filing.edit"
    SUPPLEMENT = "filing.supplement"
    DOWNLOAD = "filing.download"
    PRINT_NOTICE = "filing.notice"
    # … and one permission per review transition (filings/workflow.py). A reviewer holds
    # them on the cases of the departments and centers granted to them: each case's ACL
    # names ``reviewer@<department>`` and ``reviewer@<center>``, and the work queue reads
    # the lists of those scopes, so no permission on the department itself is needed.
    PREREVIEW = "filing.prereview"
    ACCEPT = "filing.accept"
    COMPLETE = "filing.complete"
    REFUSE = "filing.refuse"
    RETURN = "filing.return"
    REJECT = "filing.reject"
    # Online consultations (consultations/workflow.py): the staff of the consultation's
    # department or center (and admins) answer it, then publish it as an anonymised FAQ
    # entry of the department (or take it back); each consultation's ACL names them.
    ANSWER_CONSULTATION = "consultation.answer"
    PUBLISH_CONSULTATION = "consultation.publish"
    # Complaints (网上投诉): the complainant's download and rating, and one permission per
    # handler's transition (complaints/workflow.py). Handlers hold them on the complaints
    # of the centers granted to them (``complaint_handler@<center>``), never on a
    # department: the department complained about is not the one that handles it.
    DOWNLOAD_COMPLAINT = "complaint.download"
    RATE_COMPLAINT = "complaint.rate"
    TAKE_COMPLAINT = "complaint.take"
    REPLY_COMPLAINT = "complaint.reply"
    CLOSE_COMPLAINT = "complaint.close"
    # Appointments (预约): the owner's cancel (nobody else's, admins included); one
    # permission per staff transition, held by the reviewers of the appointment's department
    # and center through its ACL (appointments/workflow.py); the slots of departments
    # (/manage/appointments/, admins).
    CANCEL_APPOINTMENT = "appointment.cancel"
    APPROVE_APPOINTMENT = "appointment.approve"
    DECLINE_APPOINTMENT = "appointment.decline"
    FINISH_APPOINTMENT = "appointment.finish"
    MANAGE_APPOINTMENT_SLOTS = "appointment.slots"
    # 好差评 (evaluations/): the owner rates its finished case once (nobody else, admins
    # included) and may follow up once on the department's answer; the reviewers of the
    # case's department and center (and admins) answer the rectification task a poor
    # rating opened (evaluations/workflow.py).
    EVALUATE = "filing.evaluate"
    FOLLOW_UP_EVALUATION = "evaluation.follow_up"
    ANSWER_RECTIFICATION = "evaluation.answer"
    # The message box (站内消息): every logged-in user reads and marks their own only.
    READ_MESSAGES = "messages.read"
    # Statistics (统计分析): every logged-in user, each scoped to what they may see (stats/).
    VIEW_STATS = "stats.view"
    # The audit log (/manage/audit/): admins read, search and export it; nobody changes it.
    VIEW_AUDIT = "audit.view"


class Roles(StrEnum):
    ADMIN = "admin"
    EDITOR = "editor"
    REVIEWER = "reviewer"
    ENTERPRISE = "enterprise"
    COMPLAINT_HANDLER = "complaint_handler"  # granted on a center only (complaint_handler@640100)


def role(name):
    """The principal of a role held everywhere: ``role:admin``."""
    return f"role:{name}"


def grant(name, scope):
    """The principal of a role granted on a center or department: ``reviewer@640100/scjg``."""
    return f"{name}@{scope}"


def granted_scopes(principals, name):
    """The scopes on which ``principals`` hold the role ``name``, most general first: a
    center's code before its departments' ``<center>/<department>``."""
    prefix = grant(name, "")
    return sorted({p[len(prefix) :] for p in principals if p.startswith(prefix)})


def user_principal(username):
    """The principal of one account, which owns its enterprise's objects."""
    return f"user:{username}"


def scope_of(center, department=None):
    """The scope of a grant: a center code, or ``<center>/<department>``."""
    return f"{center}/{department}" if department else center


def owner_acl(username, permissions):
    """ACL entries that give the owning account ``permissions`` on its own object."""
    return [(Allow, user_principal(username), tuple(permissions))]


ADMIN = role(Roles.ADMIN)
EDITOR = role(Roles.EDITOR)
ENTERPRISE = role(Roles.ENTERPRISE)


# The Portal root's ACL: roles held everywhere. Grants on part of the tree are allowed where
# they act: editor@640100 by the Center's ACL, reviewer@640100/scjg by the ACL of each case.
ROOT_ACL = (
    (Allow, ADMIN, ALL_PERMISSIONS),
    (Allow, EDITOR, (Permissions.MANAGE, Permissions.MANAGE_CATALOGUE, Permissions.PUBLISH)),
    (Allow, ENTERPRISE, Permissions.FILE),
    (Allow, Authenticated, Permissions.EDIT_PROFILE),
    (Allow, Everyone, Permissions.VIEW),
)
