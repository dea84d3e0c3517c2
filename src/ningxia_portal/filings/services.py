"""What happens to a case, independent of the page that asks: file, submit, review, supplement.

Views validate the forms; these functions change the database and keep the catalog current.
"""

import random
import secrets
import time

import transaction
from pyramid_zodbconn import get_connection
from ZODB.POSException import ConflictError

from ningxia_portal.core.clock import get_clock
from ningxia_portal.core.events import ObjectModified
from ningxia_portal.core.root import APP_ROOT_KEY, root_factory
from ningxia_portal.filings import workflow
from ningxia_portal.filings.resources import Filing, new_blob
from ningxia_portal.filings.working_days import add_working_days, get_calendar, working_days_between

DRAFT_PREFIX = "draft-"


def get_filings(request):
    return root_factory(request)["filings"]


def permits(request):
    """``permits(permission, context)`` for the workflow engine, from the request's policy."""
    return lambda permission, context: bool(request.has_permission(permission, context))


def _actor(request):
    user = request.identity
    return {"actor": user.username, "actor_title": getattr(user, "title", user.username)}


def promised_date(request, filing, day):
    """The promised date: the item's promised working days after ``day``."""
    days = int(filing.snapshot.get("promised_days") or 0)
    return add_working_days(day, days, get_calendar(request.registry))


def remaining_working_days(request, filing):
    """Working days left until the promised date (negative when overdue); None if done."""
    if filing.deadline is None or filing.finished is not None:
        return None
    today = get_clock(request.registry).today()
    return working_days_between(today, filing.deadline, get_calendar(request.registry))


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
    stash = get_filings(request).uploads
    for index in replace:
        if materials.get(index):
            filing.replace_material(index, filing.supplement_round)
    for index, files in sorted(materials.items()):
        for f in files:
            stashed = f.get("stashed")
            blob = stashed.blob if stashed is not None else new_blob(f["fp"])
            filing.add_file(index, f["filename"], f["mimetype"], f["size"], blob, now)
            if stashed is not None and stash.get(f["uid"]) is stashed:
                del stash[f["uid"]]


def save_draft(request, filing):
    """Keep the case as a draft (named ``draft-…`` until it is submitted)."""
    filing.touch(get_clock(request.registry).now())
    if filing.__parent__ is None:
        get_filings(request).add(DRAFT_PREFIX + secrets.token_hex(8), filing)
    else:
        request.registry.notify(ObjectModified(filing))
    return filing


ALLOCATION_ATTEMPTS = 50


def allocate_sequence(request, key):
    """The next case number of ``key``, committed at once in a transaction of its own.

    Concurrent submissions then conflict only on this tiny transaction, which is retried
    here until it wins; the request's own transaction never writes the counter. ``submit``
    caches the number in the WSGI environ, so a request that pyramid_retry replays keeps
    it and retries leave no gaps.
    """
    db = get_connection(request).db()
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    try:
        for attempt in range(ALLOCATION_ATTEMPTS):
            try:
                with tm:
                    number = conn.root()[APP_ROOT_KEY]["filings"].next_sequence(key)
                return number
            except ConflictError:
                time.sleep(random.uniform(0, 0.005 * (attempt + 1)))  # noqa: S311
        raise ConflictError("could not allocate a case number")
    finally:
        conn.close()


def submit(request, filing, expected_revision=None):
    """Draft → submitted: a case number, the promised date, the history entry."""
    if expected_revision is not None and int(expected_revision) != filing.revision:
        raise workflow.StaleCase()
    workflow.get_transition(filing, "submit", permits(request))  # refuse before any change
    clock = get_clock(request.registry)
    now, today = clock.now(), clock.today()
    filings = get_filings(request)
    if filing.__parent__ is not None:  # a saved draft gets its case number now
        filings.remove(filing.__name__, send_events=False)
    key = f"{filing.center_code}-{today:%Y%m%d}"
    cache = request.environ.setdefault("ningxia_portal.case_sequences", {})

    fresh = []  # numbers handed out in this attempt

    def next_number():
        # A replay of this request (pyramid_retry) reuses the number it already got.
        replay = not fresh and cache.get(key)
        number = cache[key] if replay else allocate_sequence(request, key)
        fresh.append(number)
        cache[key] = number
        return number

    filings.add_case(filing, filing.center_code, today, next_number=next_number)
    filing.submitted = now
    filing.deadline = promised_date(request, filing, today)
    return workflow.transition(
        filing,
        "submit",
        now=now,
        permits=permits(request),
        notify=request.registry.notify,
        **_actor(request),
    )


def review(request, filing, name, comment, revision, material_reviews=None):
    """A reviewer's transition; a return (一次性告知) records the verdict on each material."""
    extra = {}
    if name == "return" and material_reviews is not None:
        extra["materials"] = tuple(dict(m) for m in material_reviews)
    entry = workflow.transition(
        filing,
        name,
        now=get_clock(request.registry).now(),
        permits=permits(request),
        comment=comment,
        expected_revision=revision,
        notify=request.registry.notify,
        extra=extra,
        **_actor(request),
    )
    if name == "return" and material_reviews is not None:
        filing.material_reviews.clear()
        for index, review_ in enumerate(material_reviews):
            filing.material_reviews[index] = dict(review_)
    return entry


def supplement(request, filing, appstruct, revision):
    """The enterprise's supplement: new files per material (replacing or adding), resubmitted."""
    if int(revision) != filing.revision:
        raise workflow.StaleCase()
    workflow.get_transition(filing, "supplement", permits(request))
    clock = get_clock(request.registry)
    filing.supplement_round += 1
    replace = [i for i, flag in appstruct.get("replace", {}).items() if flag]
    store_files(request, filing, appstruct["materials"], replace=replace)
    entry = workflow.transition(
        filing,
        "supplement",
        now=clock.now(),
        permits=permits(request),
        comment=appstruct.get("comment", ""),
        notify=request.registry.notify,
        extra={"round": filing.supplement_round},
        **_actor(request),
    )
    # The time limit starts again from the day the complete materials arrive.
    filing.deadline = promised_date(request, filing, clock.today())
    return entry
