"""The appointment workflow, as data for the portal's workflow engine.

```
booked ─approve─▶ approved ─finish (once the slot has begun)─▶ done
   ├──decline (reply required)──▶ declined
   └──cancel (owner, before the slot begins)──▶ cancelled ◀──cancel── approved
```

Staff of the appointment's department or center (and admins) approve — with a reply if they
wish — or decline with a reply (预约回复), and mark an approved appointment done (已办理)
once its slot has begun. The owning enterprise alone cancels, until the slot begins; a
guard says why not afterwards. An appointment nobody marked done stays approved (or booked,
if nobody answered): pages show it as 已过期 once its slot has passed (``display_state``),
never as done.
Declining or cancelling gives the place back (``services``). Every move is recorded (time,
actor, transition, from, to, comment) in ``history`` and bumps ``revision``.
"""

from pyramid.threadlocal import get_current_registry

from ningxia_portal.core.clock import get_clock
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.workflow import Transition, owned_acl, owned_workflow, reviewers

P = Permissions

BOOKED = "booked"
APPROVED = "approved"
DECLINED = "declined"
CANCELLED = "cancelled"
DONE = "done"
EXPIRED = "expired"  # shown, never stored: approved, and the slot has passed

STATE_TITLES = {
    BOOKED: _("Booked, awaiting reply"),
    APPROVED: _("Approved"),
    DECLINED: _("Declined"),
    CANCELLED: _("Cancelled"),
    DONE: _("Handled"),
}
DISPLAY_TITLES = {**STATE_TITLES, EXPIRED: _("Expired")}
STATES = tuple(STATE_TITLES)
HOLDING = frozenset({BOOKED, APPROVED, DONE})  # states that hold a place in the slot
REPLIED = frozenset({APPROVED, DECLINED, DONE})

OWNER_ONLY = (P.CANCEL_APPOINTMENT,)
OWNER_PERMISSIONS = (P.VIEW, *OWNER_ONLY)
REVIEWER_PERMISSIONS = (
    P.VIEW,
    P.APPROVE_APPOINTMENT,
    P.DECLINE_APPOINTMENT,
    P.FINISH_APPOINTMENT,
)


def appointment_acl(appointment):
    """The owner; nobody else the owner's cancel; admins; the reviewers granted on the
    department or center (``reviewer_scopes``); nobody else."""
    return owned_acl(
        appointment.owner,
        OWNER_PERMISSIONS,
        reviewers(appointment),
        REVIEWER_PERMISSIONS,
        owner_only=OWNER_ONLY,
    )


def now():
    return get_clock(get_current_registry()).now()


SLOT_BEGUN = _("The slot has already begun: the appointment can no longer be changed this way.")
SLOT_NOT_YET = _("The slot has not begun yet: the appointment can be marked handled from then on.")
NOT_AVAILABLE = _("This action is not available for the appointment in its current state.")
STALE = _("This appointment has just been changed by someone else. Please review it and try again.")


def before_the_slot(appointment, transition):
    return SLOT_BEGUN if appointment.has_begun(now()) else None


def slot_begun(appointment, transition):
    return None if appointment.has_begun(now()) else SLOT_NOT_YET


def display_state(appointment, when):
    """The state a person reads: an appointment still booked or approved once its slot has
    ended is expired (nobody marked it handled; unanswered ones can still be declined)."""
    if appointment.state in (BOOKED, APPROVED) and when >= appointment.ends:
        return EXPIRED
    return appointment.state


def after_transition(appointment, record):
    """The reply is kept on the appointment; a decline or cancel gives its place back."""
    if record.transition in STAFF_TRANSITIONS and record.comment:
        appointment.reply = record.comment
    if record.to_state in RELEASING:
        container = appointment.__parent__
        if container is not None:
            held = container.bookings(appointment.department_key, appointment.day, appointment.slot)
            if held is not None:
                held.give_back(appointment.__name__)


TRANSITIONS = (
    Transition(
        "approve",
        _("Approve"),
        (BOOKED,),
        APPROVED,
        P.APPROVE_APPOINTMENT,
        guards=(before_the_slot,),
    ),
    Transition(
        "decline",
        _("Decline"),
        (BOOKED,),
        DECLINED,
        P.DECLINE_APPOINTMENT,
        comment_required=True,
    ),
    Transition(
        "finish",
        _("Mark as handled"),
        (APPROVED,),
        DONE,
        P.FINISH_APPOINTMENT,
        guards=(slot_begun,),
    ),
    Transition(
        "cancel",
        _("Cancel the appointment"),
        (BOOKED, APPROVED),
        CANCELLED,
        P.CANCEL_APPOINTMENT,
        guards=(before_the_slot,),
    ),
)
STAFF_TRANSITIONS = frozenset({"approve", "decline", "finish"})
RELEASING = frozenset({DECLINED, CANCELLED})  # these moves give the place back

appointment_workflow = owned_workflow(
    "appointment",
    BOOKED,
    STATE_TITLES,
    appointment_acl,
    TRANSITIONS,
    after_transition=after_transition,
    not_possible=NOT_AVAILABLE,
    not_permitted=_("You are not allowed to take this action on the appointment."),
    comment_required=_("Please give the reply."),
    stale=STALE,
)
