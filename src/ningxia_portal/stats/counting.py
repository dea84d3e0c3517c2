"""What each record counts, and keeping the counters current as records move.

A record's *contribution* is ``{(day ordinal, key): n}``, added to the ``DayCounts`` of
each of its scopes (``Stats.bump``). Every record stores the contribution it was counted
with (``stats_marks``); each change recomputes it and adds only the difference, inside the
request's transaction: a replayed or aborted request changes nothing, a move counts once.

Filings count on their day of receipt (受理时间: the first submission, the date of the case
number), as a cohort:

- ``received``; ``state:<state>`` (its current state); ``type:<item type>`` (as filed);
- ``prereviewed`` / ``accepted``: it ever passed pre-review / was ever accepted (once a
  case has, it stays counted);
- ``completed``: now completed; ``refused``: now not accepted or not permitted;
- ``returned``: returned for supplement at least once;
- ``overdue``: finished after its promised date;
- the promised date's ordinal (an ``int`` key): pending (waiting for a reviewer, not
  finished) with that promised date, so that a query adds those due before today and a
  promised date that passes makes the case overdue with no write;

and ``finished`` on the day it reached a final state (an event day).

Appointments count ``appointments`` on the day booked, consultations ``consultations``
on the day asked and ``replied`` if answered now, complaints ``complaints`` on the day
received (never in the department complained about). Ratings (好差评) count under the
``sat:`` scopes on the day rated: ``("n"|"sum"|"poor"|"open", department)`` — ratings, sum
of 整体满意度, poor ratings, rectifications open now — and ``n`` / ``good`` in total.

A record counted by ``rebuild`` has no marks: its counted contribution is what it counts in
the state it had before its next move (``from_state``), which is what the rebuild counted.
"""

from ningxia_portal.appointments.resources import Appointment
from ningxia_portal.complaints.resources import Complaint
from ningxia_portal.consultations.resources import Consultation
from ningxia_portal.consultations.workflow import ANSWERED_STATES
from ningxia_portal.core.clock import local_date
from ningxia_portal.evaluations.resources import Evaluation
from ningxia_portal.evaluations.workflow import OPEN, is_poor
from ningxia_portal.filings import workflow as fw
from ningxia_portal.filings.resources import Filing
from ningxia_portal.stats.resources import SATISFACTION

MARKS = "stats_marks"
EVERYTHING = "*"

PREREVIEWED = frozenset({fw.PREREVIEW_PASSED, fw.ACCEPTED, fw.COMPLETED, fw.NOT_PERMITTED})
ACCEPTED = frozenset({fw.ACCEPTED, fw.COMPLETED, fw.NOT_PERMITTED})
REFUSED = frozenset({fw.NOT_ACCEPTED, fw.NOT_PERMITTED})
NOT_PENDING = frozenset({fw.DRAFT, fw.SUPPLEMENT_REQUIRED})
ONCE = ("prereviewed", "accepted", "returned")  # once counted, a case stays counted


def owner_scope(username):
    return f"user:{username}"


def day_of(when):
    return local_date(when).toordinal()


# -- contributions ----------------------------------------------------------------------
def filing_counts(filing, state=None):
    """What a case counts (in ``state``, if given: the state it had before a move)."""
    state = state or filing.state
    if state == fw.DRAFT or filing.submitted is None:
        return {}
    received = day_of(filing.submitted)
    finished = filing.finished if state == filing.state else None
    keys = ["received", "state:" + state, "type:" + str(filing.snapshot.get("item_type"))]
    if state in PREREVIEWED:
        keys.append("prereviewed")
    if state in ACCEPTED:
        keys.append("accepted")
    if state == fw.COMPLETED:
        keys.append("completed")
    if state in REFUSED:
        keys.append("refused")
    if state == fw.SUPPLEMENT_REQUIRED or (filing.supplement_round or 0) > 0:
        keys.append("returned")
    deadline = filing.deadline
    if finished is not None:
        if deadline is not None and local_date(finished) > deadline:
            keys.append("overdue")
    elif state not in NOT_PENDING and deadline is not None:
        keys.append(deadline.toordinal())
    found = {(received, key): 1 for key in keys}
    if finished is not None:
        found[(day_of(finished), "finished")] = 1
    return found


def filing_scopes(filing):
    return (EVERYTHING, filing.center_code, filing.department_key, owner_scope(filing.owner))


def consultation_counts(consultation, state=None):
    day = day_of(consultation.created)
    found = {(day, "consultations"): 1}
    if (state or consultation.state) in ANSWERED_STATES:
        found[(day, "replied")] = 1
    return found


def appointment_counts(appointment, state=None):
    return {(day_of(appointment.created), "appointments"): 1}


def complaint_counts(complaint, state=None):
    return {(day_of(complaint.created), "complaints"): 1}


def complaint_scopes(complaint):
    """Never the department complained about: its staff don't see complaints."""
    return (EVERYTHING, complaint.center_code, owner_scope(complaint.owner))


def evaluation_counts(evaluation, state=None):
    day = day_of(evaluation.created)
    dept, overall = evaluation.department_key, evaluation.overall
    found = {(day, "n"): 1, (day, ("n", dept)): 1, (day, ("sum", dept)): overall}
    if is_poor(overall):
        found[(day, ("poor", dept))] = 1
    else:
        found[(day, "good")] = 1
    if (state or evaluation.state) == OPEN:
        found[(day, ("open", dept))] = 1
    return found


def evaluation_scopes(evaluation):
    return tuple(SATISFACTION + scope for scope in filing_scopes(evaluation))


# class -> (contribution(obj, state=None), scopes(obj))
KINDS = {
    Filing: (filing_counts, filing_scopes),
    Consultation: (consultation_counts, filing_scopes),
    Appointment: (appointment_counts, filing_scopes),
    Complaint: (complaint_counts, complaint_scopes),
    Evaluation: (evaluation_counts, evaluation_scopes),
}


def kind_of(obj):
    for cls in type(obj).__mro__:
        found = KINDS.get(cls)
        if found is not None:
            return found
    return None


# -- keeping the counters current ---------------------------------------------------------
def recount(stats, obj, before=None, gone=False):
    """Count ``obj`` as it is now (nothing if ``gone``), by difference with what it was
    counted as: its marks, else ``before`` (what a record counted by the rebuild counts in
    its previous state; nothing for a new record)."""
    kind = kind_of(obj)
    if kind is None:
        return
    counts, scopes = kind
    old = getattr(obj, MARKS, None)
    if old is None:
        old = before or {}
    new = {} if gone else counts(obj)
    if old and new:
        new = keep_once(old, new)
    if new == old:
        return
    apply(stats, scopes(obj), old, new)
    if getattr(obj, MARKS, None) is not None or new:
        setattr(obj, MARKS, new)


def keep_once(old, new):
    """The one-time flags counted before stay counted (on the same day of receipt)."""
    days = {day for day, key in new if key == "received"}
    kept = {
        (day, key): 1 for day, key in old if key in ONCE and day in days and (day, key) not in new
    }
    return {**new, **kept} if kept else new


def difference(old, new):
    """{day: {key: n}} of ``new`` minus ``old``, without zeros."""
    found = {}
    for key in set(old) | set(new):
        delta = new.get(key, 0) - old.get(key, 0)
        if delta:
            day, name = key
            found.setdefault(day, {})[name] = delta
    return found


def apply(stats, scopes, old, new):
    for day, deltas in difference(old, new).items():
        for scope in scopes:
            stats.bump(scope, day, deltas)


# -- subscribers --------------------------------------------------------------------------
def stats_of(obj):
    """The ``Stats`` of the portal ``obj`` belongs to (None before it exists)."""
    root, node = None, obj
    while node is not None:
        root, node = node, getattr(node, "__parent__", None)
    get = getattr(root, "get", None)
    return get("stats") if callable(get) and root is not obj else None


def on_added(event):
    obj = event.object
    if kind_of(obj) is not None:
        stats = stats_of(obj)
        if stats is not None:
            recount(stats, obj)


def on_removed(event):
    obj = event.object
    kind = kind_of(obj)
    if kind is not None:
        stats = stats_of(obj)
        if stats is not None:
            recount(stats, obj, before=kind[0](obj), gone=True)


def on_transitioned(event):
    obj = event.object
    kind = kind_of(obj)
    if kind is None:
        return
    stats = stats_of(obj)
    if stats is not None:
        recount(stats, obj, before=kind[0](obj, event.from_state))
