"""办件进度查询 (``/track``): a case found by its number and the applicant's contact phone.

Anyone may look a case up without logging in, so the answer shows what a passer-by holding
the case number and the phone may read, and nothing more: the item (and its department), the
state, the promised date and a timeline of the steps' titles and times. Never comments,
materials, contacts, the applicant's details or the names of staff.

- The lookup is one get on the filings folder's BTree (cases are named by case number): a
  million cases cost what ten do. A draft is not found.
- The phone typed may be the whole number as given on the case or its last four digits; it
  is compared in constant time (``hmac.compare_digest``), also when no case was found.
- Misses are throttled per client (``security/throttle.py``): per address
  (IPv6 by /64, ``portal.track_max_misses``) and, for IPv6, also per /48
  (``portal.track_network_max_misses``), since one tunnel account holds 65,536 /64s. A
  lookup reserves a try before it checks, a hit gives it back, so a hit never counts and
  parallel guesses cannot slip past the limit. A hit holds its try only while it is checked
  (a millisecond): with ``k`` misses in the window, ``limit - k`` lookups from one address
  may be checked at once, more than the server has threads while k is small.
- Misses are also counted per case number (``case:<no>``, in a throttle of their own), so
  guesses spread over many networks still meet a limit: after
  ``portal.track_case_max_misses`` misses on one number within
  ``portal.track_case_window_hours``, the last-four shortcut is refused for that number
  (10,000 values at 10 a day take years, not the five days of 10 per 15 minutes); the whole
  phone is still checked. Every number counts, filed or not, so a blocked number says
  nothing about whether a case exists; and a refused shortcut is answered as every miss is
  (the case is even looked up, so it costs the same), whose one message tells the user to
  type the whole phone when the last four digits found nothing. When the table of numbers
  is full of blocked ones (an attack on ``max_keys`` numbers at once), a number that cannot
  be counted is refused the shortcut too: the limit fails closed, never open.
- The counters live in this process's memory: nothing persistent is written by a lookup.
"""

import hmac
import re
import unicodedata
from datetime import timedelta

from ningxia_portal.core.clock import get_clock
from ningxia_portal.core.once import made_once
from ningxia_portal.filings import workflow
from ningxia_portal.i18n import _
from ningxia_portal.security.throttle import Throttle, address_keys

CASE_NO = re.compile(r"\d{6}-\d{8}-\d{6}")  # <center>-<yyyymmdd>-<sequence>
LAST_FOUR = 4  # digits of the phone that may stand for the whole number
MIN_PHONE_DIGITS = 7  # a stored phone shorter than this never matches
BLANKS = re.compile(r"\s+")

# What the timeline calls each move (the transition), in the words of a progress notice.
STEP_TITLES = {
    "submit": _("Application submitted"),
    "prereview": workflow.STATE_TITLES[workflow.PREREVIEW_PASSED],
    "return": _("Returned for supplement"),
    "supplement": _("Supplemented materials submitted"),
    "reject": workflow.STATE_TITLES[workflow.NOT_ACCEPTED],
    "accept": _("Case accepted"),
    "complete": _("Case completed"),
    "refuse": workflow.STATE_TITLES[workflow.NOT_PERMITTED],
}


def normalized(value):
    """What was typed, with full-width digits and hyphens made plain and blanks removed."""
    return BLANKS.sub("", unicodedata.normalize("NFKC", value or ""))


def digits(value):
    return "".join(ch for ch in normalized(value) if "0" <= ch <= "9")


def phone_matches(stored, typed):
    """Whether ``typed`` is the phone ``stored`` on the case, or its last four digits
    (hyphens and blanks ignored), compared in constant time."""
    stored, typed = digits(stored), digits(typed)
    expected = stored[-LAST_FOUR:] if len(typed) == LAST_FOUR else stored
    same = hmac.compare_digest(expected.encode(), typed.encode())
    return same and len(stored) >= MIN_PHONE_DIGITS


def find_case(filings, case_no, phone):
    """The submitted case named ``case_no`` whose phone ``phone`` matches, or None.

    One BTree get; a missing case is compared with a stand-in, so a wrong number and a
    wrong phone cost the same comparison.
    """
    filing = filings.get(case_no) if CASE_NO.fullmatch(case_no) else None
    if filing is None or filing.state == workflow.DRAFT:
        phone_matches("0" * 11, phone)
        return None
    return filing if phone_matches(filing.phone, phone) else None


def step_title(entry):
    """The title of one history entry's step: its transition's, else its new state's."""
    title = STEP_TITLES.get(entry.get("transition"))
    if title is None:
        state = entry.get("to_state")
        title = workflow.STATE_TITLES.get(state, state or "")
    return title


def timeline(filing):
    """[(time, step title)] of the case's moves, oldest first: never who moved it, nor
    why (comments), nor which materials."""
    return [(entry.get("time"), step_title(entry)) for entry in filing.history]


# -- the throttles of misses --------------------------------------------------------------
class TrackThrottled(Exception):
    """Too many misses from this address or network: nothing is checked."""


def _make_throttle(registry):
    settings = registry.settings
    return Throttle(
        get_clock(registry),
        limit=settings["portal.track_max_misses"],
        window=timedelta(minutes=settings["portal.track_window_minutes"]),
        limits={"network": settings["portal.track_network_max_misses"]},
    )


def _make_case_throttle(registry):
    settings = registry.settings
    return Throttle(
        get_clock(registry),
        limit=settings["portal.track_case_max_misses"],
        window=timedelta(hours=settings["portal.track_case_window_hours"]),
        evictable=(),  # a blocked number keeps its place: a full table refuses newcomers
    )


def get_throttle(registry):
    """The per-process throttle of lookups per client, made once per application."""
    return made_once(registry, "portal_track_throttle", _make_throttle)


def get_case_throttle(registry):
    """The per-process throttle of misses per case number, made once per application."""
    return made_once(registry, "portal_track_case_throttle", _make_case_throttle)


def is_shortcut(phone):
    """Whether ``phone`` is only the last four digits of one."""
    return len(digits(phone)) == LAST_FOUR


def look_up(request, filings, case_no, phone):
    """The case, or None (a miss, counted against the client and the number); raises
    TrackThrottled when the client missed too often, without looking anything up.

    The last four digits are tried only while the number has misses to spare; once it has
    none, the answer is a miss whatever was typed (the case is looked up all the same)."""
    clients, numbers = get_throttle(request.registry), get_case_throttle(request.registry)
    keys, number = address_keys(request.remote_addr), "case:" + case_no
    if not clients.attempt(*keys):
        raise TrackThrottled()
    shortcut = is_shortcut(phone)
    allowed = numbers.attempt(number) if shortcut else True
    filing = find_case(filings, case_no, phone)
    if filing is not None and allowed:
        clients.give_back(*keys)  # a hit gives its tries back
        if shortcut:
            numbers.give_back(number)
        return filing
    if not shortcut:
        numbers.hit(number)  # the whole phone is never refused, but its misses count
    return None
