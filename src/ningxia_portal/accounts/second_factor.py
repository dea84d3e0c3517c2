"""The second factor (双因素认证): a TOTP authenticator app, plus ten single-use recovery codes.

Staff (admins, editors, reviewers, complaint handlers) enrol one; an enterprise may. An
enrolled account's login takes two steps: the password, then a code. Between them the
session holds only a short-lived *pending* mark (signed like the whole session cookie): the
account's name, its session token (so a logout or password change elsewhere voids it) and
an expiry by the portal's clock. The request has no identity meanwhile, so no page opens.

Codes are pyotp's RFC 6238 TOTP (SHA-1, 6 digits, 30 s), checked against the portal's
clock (never ``time.time``), one step either way for a drifting phone; the step last used
is kept and a code of that step or an earlier one is refused, so a code seen over a
shoulder can't be replayed. Recovery codes are stored hashed by the portal's password
hasher and burned when used. Wrong codes count against a throttle like wrong passwords.

The enrolment lives in its own persistent object (``user.second_factor``): writing the
last step at every login then doesn't change the account record, whose serial keys the
pages kept for it (``web/personal.py``).
"""

import secrets

import pyotp
import segno
from persistent import Persistent
from pyramid.httpexceptions import HTTPFound
from pyramid.settings import asbool

from ningxia_portal.accounts.auth import LoginThrottled, get_counters
from ningxia_portal.core.clock import get_clock
from ningxia_portal.core.events import Audited
from ningxia_portal.security.counters import Rule
from ningxia_portal.security.passwords import get_passwords
from ningxia_portal.security.permissions import Roles
from ningxia_portal.security.throttle import address_key

ISSUER = "宁夏政务服务网"
STEP_SECONDS = 30
PENDING_KEY = "second_factor.pending"  # the session's "password passed" mark
PENDING_MINUTES = 5
RECOVERY_COUNT = 10
STAFF_ROLES = frozenset(
    {Roles.ADMIN.value, Roles.EDITOR.value, Roles.REVIEWER.value, Roles.COMPLAINT_HANDLER.value}
)
# View names an unenrolled staff account may still reach when enrolment is required.
OPEN_BEFORE_ENROLMENT = frozenset({"second-factor", "logout", "login", "login-code"})


class SecondFactor(Persistent):
    """One account's authenticator: unconfirmed until a first right code, then enrolled."""

    def __init__(self, secret, created=None):
        self.secret = secret
        self.created = created
        self.confirmed = None  # when the first code was right
        self.last_step = -1  # the latest time step whose code was accepted
        self.recovery_hashes = ()


def enrolment(user):
    """The account's confirmed SecondFactor, or None."""
    found = getattr(user, "second_factor", None)
    return found if found is not None and found.confirmed is not None else None


def is_staff_account(user):
    return any(role_name in STAFF_ROLES for role_name, _scope in user.holdings())


def required(registry):
    return asbool(registry.settings.get("portal.require_second_factor", True))


def audit(request, action, target="", detail="", actor=None):
    request.registry.notify(Audited(request, action, target=target, detail=detail, actor=actor))


# --- codes -------------------------------------------------------------------------------


def current_step(registry):
    return int(get_clock(registry).now().timestamp()) // STEP_SECONDS


def provisioning_uri(user, secret):
    return pyotp.TOTP(secret).provisioning_uri(name=user.username, issuer_name=ISSUER)


def qr_svg(uri, title):
    """The enrolment QR as inline SVG drawn here (no outside service sees the secret)."""
    return segno.make(uri, error="m").svg_inline(scale=4, border=4, omitsize=True, title=title)


def normalize(code):
    return "".join(ch for ch in (code or "").lower() if ch.isalnum())


def matching_step(registry, factor, code):
    """The time step (now, or one either side) whose code is ``code`` and is later than the
    last one used; None otherwise."""
    code = normalize(code)
    if len(code) != 6 or not code.isdigit():
        return None
    totp = pyotp.TOTP(factor.secret)
    now = current_step(registry)
    for step in (now - 1, now, now + 1):
        if step > factor.last_step and pyotp.utils.strings_equal(totp.generate_otp(step), code):
            return step
    return None


def use_code(registry, factor, code):
    """Whether ``code`` is a right, unused TOTP code; remembers its step when it is."""
    step = matching_step(registry, factor, code)
    if step is None:
        return False
    factor.last_step = step
    return True


def new_recovery_codes(registry, factor):
    """Ten fresh codes (``xxxxx-xxxxx``, 50 random bits each); only their hashes are kept."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    codes = [
        "-".join("".join(secrets.choice(alphabet) for _ in range(5)) for _ in range(2))
        for _ in range(RECOVERY_COUNT)
    ]
    passwords = get_passwords(registry)
    factor.recovery_hashes = tuple(passwords.hash(normalize(c)) for c in codes)
    return codes


def use_recovery_code(registry, factor, code):
    """Whether ``code`` is one of the unused recovery codes; burns it when it is."""
    code = normalize(code)
    if len(code) != 10:
        return False
    passwords = get_passwords(registry)
    for hashed in factor.recovery_hashes:
        if passwords.verify(hashed, code):
            factor.recovery_hashes = tuple(h for h in factor.recovery_hashes if h != hashed)
            return True
    return False


# --- throttling --------------------------------------------------------------------------


def code_try(request, username, right):
    """The one place wrong codes are throttled, per account and per address, with the
    login's failure counters (shared by every process, a growing delay rather than a
    lock): ``right()`` is called only when a try is allowed (counted first, forgiven when
    right). Returns True (right) or False (wrong); raises LoginThrottled while it must wait."""
    settings = request.registry.settings
    keys = [
        ("2fa:" + username, Rule(settings["portal.login_free_failures"])),
        (
            "2fa:" + address_key(request.remote_addr),
            Rule(settings["portal.login_address_free_failures"]),
        ),
    ]
    counters = get_counters(request.registry)
    verdict = counters.attempt(keys)
    if not verdict.allowed:
        raise LoginThrottled(verdict.wait)
    if not right():
        return False
    counters.forgive(clear=[keys[0][0]], give_back=[keys[1][0]])
    return True


# --- the two-step login ------------------------------------------------------------------


def hold_at_password(request, user, came_from):
    """Called where the password was accepted. An account with a second factor is not
    logged in yet: the session gets the pending mark and the answer is the code form's
    address. None: no second factor, log in now."""
    if enrolment(user) is None:
        return None
    request.session.invalidate()  # nothing of an earlier session survives the login
    request.session[PENDING_KEY] = {
        "user": user.username,
        "token": user.current_session_token(),
        "until": get_clock(request.registry).now().timestamp() + PENDING_MINUTES * 60,
        "came_from": came_from,
    }
    return HTTPFound(location=request.application_url + "/login-code")


def pending_user(request):
    """(user, came_from) of a valid pending mark, or (None, None)."""
    mark = request.session.get(PENDING_KEY)
    if not isinstance(mark, dict):
        return None, None
    now = get_clock(request.registry).now().timestamp()
    until = mark.get("until")
    if not isinstance(until, int | float) or now > until:
        return None, None
    user = request.root["principals"].get(str(mark.get("user")))
    token = mark.get("token")
    if user is None or not user.active or not isinstance(token, str):
        return None, None
    if not secrets.compare_digest(token.encode(), (user.session_token or "").encode()):
        return None, None
    if enrolment(user) is None:  # reset by an admin meanwhile: log in again
        return None, None
    return user, str(mark.get("came_from") or request.application_url + "/")


def drop_pending(request):
    request.session.pop(PENDING_KEY, None)


# --- staff who have not enrolled ---------------------------------------------------------


def needs_enrolment(request):
    user = request.identity
    return user is not None and is_staff_account(user) and enrolment(user) is None


def enforce_enrolment(event):
    """ContextFound: with ``portal.require_second_factor``, an unenrolled staff account is
    sent to the enrolment page from every page but that one, logout and static files."""
    request = event.request
    if request.matched_route is not None or request.view_name in OPEN_BEFORE_ENROLMENT:
        return
    if not required(request.registry) or not needs_enrolment(request):
        return
    raise HTTPFound(location=request.application_url + "/second-factor")
