"""What happens to a complaint, independent of the page that asks: make, move, rate.

Views validate the forms; these functions change the database (the catalog follows the
folder's and the workflow's events).
"""

from ningxia_portal.complaints.resources import Complaint
from ningxia_portal.complaints.workflow import complaint_workflow
from ningxia_portal.core.clock import get_clock
from ningxia_portal.core.root import root_factory
from ningxia_portal.filings.resources import new_blob


def get_complaints(request):
    return root_factory(request)["complaints"]


def submit(request, appstruct):
    """A new complaint of the logged-in enterprise, from the validated form; returns it."""
    root = root_factory(request)
    now = get_clock(request.registry).now()
    center = root["centers"][appstruct["center"]]
    department = center[appstruct["department"]]
    complaint = Complaint(request.identity, center, department, now)
    person = appstruct["complainant"]
    complaint.complainant = {
        "name": person["name"],
        "phone": person["phone"].replace(" ", ""),
        "email": person.get("email") or "",
    }
    complaint.subject = appstruct["subject"]
    complaint.content = appstruct["content"]
    store_files(request, complaint, appstruct.get("attachments") or (), now)
    root["complaints"].add_complaint(complaint)
    return complaint


def store_files(request, complaint, files, now):
    """Move accepted uploads (filedicts) from the filings' upload stash to the complaint."""
    stash = root_factory(request)["filings"]
    for f in files:
        stashed = f.get("stashed")
        blob = stashed.blob if stashed is not None else new_blob(f["fp"])
        complaint.add_file(f["filename"], f["mimetype"], f["size"], blob, now)
        if stashed is not None and stash.uploads.get(f["uid"]) is stashed:
            stash.stash_drop(f["uid"])


def move(request, complaint, name, comment, revision):
    """A handler's transition (take, reply, close)."""
    return complaint_workflow.transition(
        complaint, name, request, comment=comment, revision=revision
    )


def rate(request, complaint, score, comment, revision):
    """The complainant's rating, once: recorded in the history and kept on the complaint."""
    entry_move = complaint_workflow.begin(
        complaint, "rate", request, comment=comment, revision=revision
    )
    complaint.set_rating(score, (comment or "").strip(), entry_move.now)
    return entry_move.finish(extra={"score": score})
