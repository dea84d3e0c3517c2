"""What happens to a case, independent of the page that asks: file, submit, review, supplement.

Views validate the forms; these functions change the database and keep the catalog current.
"""

import secrets

from ningxia_portal.core.clock import get_clock
from ningxia_portal.core.events import ObjectModified
from ningxia_portal.core.root import root_factory
from ningxia_portal.filings.numbers import case_numbers
from ningxia_portal.filings.resources import Filing, new_blob
from ningxia_portal.filings.workflow import filing_workflow
from ningxia_portal.i18n import _
from ningxia_portal.indexing.queue import defer as defer_index
from ningxia_portal.workdays import calendar as workdays

DRAFT_PREFIX = "draft-"


def get_filings(request):
    return root_factory(request)["filings"]


def set_deadline(request, filing, day):
    """The promised date: the item's promised working days after ``day``, and whether a day
    counted lies in a year whose holidays are provisional (staff see a note then)."""
    set_promised_date(filing, day, request.work_calendar)


def set_promised_date(filing, day, calendar):
    days = int(filing.snapshot.get("promised_days") or 0)
    filing.deadline = workdays.add_working_days(day, days, calendar)
    filing.deadline_provisional = calendar.provisional_between(day, filing.deadline)


def remaining_working_days(request, filing):
    """Working days left until the promised date: 0 on that day, negative after it (at least
    -1, weekends included); None if done."""
    if filing.deadline is None or filing.finished is not None:
        return None
    today = get_clock(request.registry).today()
    return workdays.remaining_working_days(today, filing.deadline, request.work_calendar)


# The marks of a promised date (case page, staff queue): past it, or due within this many
# working days by the calendar — today counts as 0, so "due soon" is today and the next two.
OVERDUE, DUE_SOON = "overdue", "due_soon"
DUE_SOON_DAYS = 2
DEADLINE_MARKS = {OVERDUE: _("Overdue"), DUE_SOON: _("Due soon")}


def deadline_mark(remaining):
    """OVERDUE, DUE_SOON or None, from ``remaining_working_days`` (None for a finished
    case or one without a promised date: never marked)."""
    if remaining is None:
        return None
    if remaining < 0:
        return OVERDUE
    return DUE_SOON if remaining <= DUE_SOON_DAYS else None


def new_filing(request, item):
    now = get_clock(request.registry).now()
    return Filing(item, request.identity, now)


def fill(filing, appstruct):
    """Copy the form's text fields onto the case."""
    for key in ("description", "contact", "phone"):
        if key in appstruct:
            setattr(filing, key, (appstruct[key] or "").strip())


def store_files(request, filing, materials, replace=()):
    """Move accepted uploads (``{material index: [filedict]}``) from the stash to the case.

    ``replace`` lists the materials whose current files the new ones replace (supplement):
    the old files are marked, never deleted.
    """
    now = get_clock(request.registry).now()
    filings = get_filings(request)
    for index in replace:
        if materials.get(index):
            filing.replace_material(index, filing.supplement_round)
    for index, files in sorted(materials.items()):
        for f in files:
            stashed = f.get("stashed")
            blob = stashed.blob if stashed is not None else new_blob(f["fp"])
            filing.add_file(index, f["filename"], f["mimetype"], f["size"], blob, now)
            if stashed is not None and filings.uploads.get(f["uid"]) is stashed:
                filings.stash_drop(f["uid"])


def save_draft(request, filing):
    """Keep the case as a draft (named ``draft-…`` until it is submitted)."""
    filing.touch(get_clock(request.registry).now())
    if filing.__parent__ is None:  # catalogued after the commit, as a submission is
        get_filings(request).add(DRAFT_PREFIX + secrets.token_hex(8), filing, index=False)
        defer_index(request, filing)
    else:
        request.registry.notify(ObjectModified(filing))
    return filing


def submit(request, filing, expected_revision=None):
    """Draft → submitted: a case number, the promised date, the history entry.

    A new case is catalogued once, in its submitted state, after the transaction commits
    (indexing/queue.py); the views that submit are ``serialized`` (web/writers.py). A draft
    saved earlier is already catalogued: it keeps its docid under its new name, and the
    move's ObjectModified brings its entries up to date in this request.
    """
    move = filing_workflow.begin(filing, "submit", request, revision=expected_revision)
    clock = get_clock(request.registry)
    today = clock.today()
    filings = get_filings(request)
    if filing.__parent__ is not None:  # a saved draft gets its case number now: renamed,
        filings.remove(filing.__name__, send_events=False)  # not unindexed
    numbers = case_numbers(request.registry)
    filings.add_case(filing, filing.center_code, today, index=False, numbers=numbers)
    filing.submitted = move.now
    set_deadline(request, filing, today)
    entry = move.finish()
    defer_index(request, filing)
    return entry


def review(request, filing, name, comment, revision, material_reviews=None):
    """A reviewer's transition; a return (一次性告知) records the verdict on each material."""
    extra = {}
    if name == "return" and material_reviews is not None:
        extra["materials"] = tuple(dict(m) for m in material_reviews)
    entry = filing_workflow.transition(
        filing, name, request, comment=comment, revision=revision, extra=extra
    )
    if name == "return" and material_reviews is not None:
        filing.set_material_reviews(material_reviews)
    return entry


def supplement(request, filing, appstruct, revision):
    """The enterprise's supplement: new files per material (replacing or adding), resubmitted."""
    move = filing_workflow.begin(
        filing, "supplement", request, comment=appstruct.get("comment", ""), revision=revision
    )
    filing.supplement_round += 1
    replace = [i for i, flag in appstruct.get("replace", {}).items() if flag]
    store_files(request, filing, appstruct["materials"], replace=replace)
    # The time limit starts again from the day the complete materials arrive. Set before
    # the move, whose ObjectModified reindexes the case (deadline index included).
    set_deadline(request, filing, get_clock(request.registry).today())
    return move.finish(extra={"round": filing.supplement_round})
