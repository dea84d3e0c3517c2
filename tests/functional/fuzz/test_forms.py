"""Every form of the portal, posted with hostile values: never a 500, never a traceback,
and a refused post writes nothing (the database's last transaction stays the same).

Each form starts from a valid submission read from its real page (field names, order,
deform's markers, the session's CSRF token) and hypothesis makes one to three changes:
a value replaced by a huge (100k+), control, odd-Unicode or wrong-typed one, or by bytes
that aren't UTF-8; a field dropped or sent twice; a file part where text belongs or text
where a file belongs; deform's ``__start__``/``__end__`` markers removed or unbalanced. The
body goes urlencoded or multipart. ``FUZZ_EXAMPLES`` sets the examples per form (default 12).
"""

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.functional.fuzz.hostile import encode, hostile_query_value, mutated
from tests.functional.fuzz.site import ITEM, TARGET, TOKEN, UPLOAD, Entry, Site

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def owned(state, owner="enterprise"):
    return lambda o: getattr(o, "state", None) == state and getattr(o, "owner", None) == owner


def in_state(state):
    return lambda o: getattr(o, "state", None) == state


def objects(container, test, suffix=""):
    return lambda site: site.find(container, test, suffix)


BOOKING = {
    "contact": "王经理",
    "phone": "13995000001",
    "center": "640100",
    "department": "scjg",
    "item": "xk-scjg-001",
    "day": "2026-03-10",
    "slot": "10:00-11:00",
    "content": "办理食品经营许可，现场提交材料。",
}
ASKING = {"subject": "新办餐饮店需要哪些许可", "content": "请问从申请到发证需要多长时间？"}
COMPLAINING = {"center": "640100", "department": "scjg", "subject": "窗口", "content": "清单外材料"}
PASSWORD = {"new_password": "Xn9!fuzz-Pass", "new_password-confirm": "Xn9!fuzz-Pass"}
FILINGS = lambda site: site.snapshot("filings")  # noqa: E731
# A refused login, registration or password change counts the try in the failure counters
# (their own small transactions, outside the portal's tree): the accounts must stay as
# they were.
ACCOUNTS = lambda site: site.serials("principals")  # noqa: E731
E, R, H, ED, A = "enterprise", "reviewer", "handler", "editor", "admin"

FORMS = [
    # accounts
    Entry(
        None,
        "/login",
        "login",
        {"login": "enterprise", "password": "wrong-password"},
        unchanged=ACCOUNTS,
    ),
    Entry(
        None,
        "/register",
        "register",
        {"username": "fuzzco", "title": "模糊公司"},
        unchanged=ACCOUNTS,
    ),
    Entry(E, "/profile", "profile"),
    Entry(E, "/password", "password", PASSWORD, unchanged=ACCOUNTS),
    Entry(None, "/", "action:/logout", controls=[("csrf_token", TOKEN)], post_to="/logout"),
    # preferences, region
    Entry(None, "/", "action:/skin"),
    Entry(E, "/", "action:/elder"),
    Entry(R, "/", "action:/language"),
    Entry(E, "/", "action:/set-region"),
    # filings
    # A refused application keeps its uploads in the filings' temporary store (so nobody
    # uploads them twice): the filings themselves must stay as they were.
    Entry(E, ITEM + "apply", "apply", {"upload": UPLOAD}, unchanged=FILINGS),
    Entry(
        E,
        objects("filings", owned("draft"), "edit"),
        "apply",
        {"upload": UPLOAD},
        unchanged=FILINGS,
    ),
    Entry(E, objects("filings", owned("supplement_required"), "supplement"), "supplement"),
    Entry(
        E,
        "",
        controls=[("csrf_token", TOKEN), ("upload", UPLOAD)],
        post_to="/filings/stash",
        accepted=(200,),
    ),
    # The demo's one submitted case: "return" (note, list of materials, comment) rather than
    # "reject" (a comment), which a valid-looking example would take first.
    Entry(R, objects("filings", in_state("submitted")), "transition-return"),
    Entry(None, "/track", "track"),
    # evaluations
    Entry(R, objects("evaluations", lambda o: True), "evaluation-answer"),
    # appointments
    Entry(E, "/appointments/new", "appointment", BOOKING),
    Entry(E, objects("appointments", owned("booked")), "transition-cancel"),
    Entry(R, objects("appointments", in_state("booked")), "transition-approve"),
    Entry(A, "/manage/appointments/", "schedule"),
    Entry(
        A,
        "",
        controls=[("csrf_token", TOKEN), ("department", "scjg")],
        post_to="/manage/appointments/remove",
    ),
    # consultations
    Entry(E, "/consultations/new?department=640100/scjg", "consultation", ASKING),
    Entry(R, objects("consultations", in_state("asked")), "transition-answer"),
    Entry(R, objects("consultations", lambda o: True), "transition-publish"),
    # complaints
    Entry(E, "/complaints/new?center=640100", "complaint", COMPLAINING),
    Entry(E, objects("complaints", owned("replied")), "complaint-rate"),
    Entry(H, objects("complaints", in_state("received")), "complaint-take"),
    Entry(H, objects("complaints", in_state("handling")), "complaint-reply"),
    Entry(H, objects("complaints", in_state("replied")), "complaint-close"),
    # messages
    Entry(E, "", controls=[("csrf_token", TOKEN), ("id", "1")], post_to="/messages/read"),
    Entry(E, "", controls=[("csrf_token", TOKEN), ("page", "1")], post_to="/messages/read-all"),
    # announcements
    Entry(ED, "/announcements/add", "announcement", {"title": "公告", "body": "# 正文"}),
    Entry(ED, objects("announcements", lambda o: True, "edit"), "announcement"),
    Entry(ED, objects("announcements", lambda o: True), "action:transition"),
    # catalogue
    Entry(A, "/centers/@@add-center", "manage-form"),
    Entry(A, "/centers/640100/@@edit", "manage-form"),
    Entry(A, "/centers/640100/@@add-department", "manage-form"),
    Entry(A, "/centers/640100/scjg/@@edit", "manage-form"),
    Entry(A, "/centers/640100/scjg/@@add-item", "manage-form"),
    Entry(ED, ITEM + "@@edit", "manage-form"),
    # calendar
    Entry(A, "/manage/calendar/", "override", {"date": "2026-05-06", "note": "调休"}),
    # accounts management
    Entry(A, "/manage/accounts/add", "add-staff"),
    Entry(A, f"/manage/accounts/{TARGET}/", "grant"),
    Entry(A, f"/manage/accounts/{TARGET}/", "revoke"),
    Entry(A, f"/manage/accounts/{TARGET}/", "status"),
    Entry(
        A,
        "",
        controls=[("csrf_token", TOKEN), ("document", "1")],
        post_to="/manage/indexing/requeue",
    ),
]
SEARCHES = [  # forms sent with GET: the query string is the hostile part
    (None, "/search", ("q", "center", "page")),
    (E, "/filings/", ("q", "state", "from", "to", "department", "item", "page")),
    (R, "/stats/summary", ("year", "start", "end", "center", "department")),
    (R, "/stats/monthly", ("year", "center", "department")),
    (A, "/manage/accounts/", ("q", "page")),
    (ED, "/announcements/manage", ("q", "state", "page")),
    (None, "/consultations/", ("answered", "asker", "department", "subject", "page")),
    (None, "/verify", ("case", "kind", "code", "n")),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    found = Site(tmp_path_factory.mktemp("fuzz"))
    yield found
    found.close()


def assert_clean(res):
    """Not a 5xx, and what came back is a page of ours (or JSON), never a traceback."""
    assert res.status_int < 500, res.text[:2000]
    assert "Traceback" not in res.text
    if res.status_int >= 400 and "html" in res.content_type:
        assert res.html.select_one("main h1, main h2"), res.text[:2000]


@pytest.mark.parametrize("entry", FORMS, ids=str)
def test_a_hostile_post_is_refused_cleanly(site, entry):
    url, controls, multipart = site.start(entry)
    testapp = site.client(entry.persona)
    probe = (lambda: entry.unchanged(site)) if entry.unchanged else site.fingerprint

    @FUZZ
    @given(
        submission=mutated(controls), multipart=st.booleans() if not multipart else st.just(True)
    )
    def post(submission, multipart):
        body, content_type = encode(submission, multipart)
        before = probe()
        res = testapp.request(
            url,
            method="POST",
            body=body,
            headers={"Content-Type": content_type},
            expect_errors=True,
        )
        assert_clean(res)
        if res.status_int not in entry.accepted:
            assert probe() == before, f"a refused post wrote ({res.status})"

    post()


@pytest.mark.parametrize(("persona", "path", "names"), SEARCHES, ids=lambda v: str(v))
def test_a_hostile_query_is_answered_cleanly(site, persona, path, names):
    testapp = site.client(persona)

    @FUZZ
    @given(
        st.lists(st.tuples(st.sampled_from(names), hostile_query_value), min_size=1, max_size=4),
    )
    def get(query):
        body, _ = encode(query, multipart=False)
        before = site.fingerprint()
        res = testapp.get(path + "?" + body.decode("ascii"), expect_errors=True)
        assert_clean(res)
        assert site.fingerprint() == before

    get()
