"""What `make bench` measures: the pages, as data, and the portal's speed targets.

A feature adds its pages with one line in ``PAGES``. A page's path is fixed, or a function of
the dataset report of ``ningxia-portal-gen`` (its ``samples`` hold real paths and accounts).

Pages that log in or POST come with a ``prepare`` function ``prepare(base_url, dataset) ->
[Prepared]`` (``bench/prepared.py``), called once before the page's run: it logs in through
the real ``/login`` form and fetches forms with their CSRF tokens (``bench/sessions.py``), and
returns the requests to send — each with its own ``Cookie``, body and headers. ``latency.lua``
sends them in turn (``BENCH_REQUESTS_FILE``), so N writers use N sessions and tokens.
``expect`` is the status of a success (302 after a login). A POST writes to the database:
the runner truncates the dataset back to its generated size after every run.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from bench.appointments import (
    DEPARTMENT,
    appointment_bookings,
    appointment_page,
    count_overbooked,
)
from bench.notices import notice_verification
from bench.prepared import Prepared
from bench.reviews import count_moves, filing_moves
from bench.sessions import (
    filing_submissions,
    logged_in_case,
    logged_in_get,
    login_form_requests,
    quoted,
)
from bench.track import track_lookups


@dataclass(frozen=True)
class Page:
    """One measured page and its targets (each None where there is none)."""

    name: str
    path: str | Callable[[dict], str]
    method: str = "GET"
    prepare: Callable | None = None  # (base_url, dataset) -> [Prepared], sent in turn
    expect: int = 200
    ratio: float | None = None  # minimum requests/s as a fraction of the ceiling's
    p50_ms: float | None = None  # maximum median latency
    min_rps: float | None = None  # minimum requests/s (writers)
    # After the run, once the server stopped: (directory, dataset, run) -> (problems, line);
    # the problems count as errors (overbooked slots after the booking run). ``run``
    # (bench/run.py's ``Run``): the requests sent, the successes wrk counted, the mail sink.
    verify: Callable | None = None
    # Requests that each change an object once (a case moved): ``prepare`` is called with
    # ``count=`` this many per second of warm-up and run (and one more), the warm-up and the
    # run send different ones, and a last one is sent after the run (see bench/run.py).
    per_second: int | None = None
    # Settings over bench.ini's [app:main]: the page runs on a server of its own, started
    # after the main server stopped and the dataset was restored ({}: bench.ini as it is).
    server: dict | None = None
    sink: bool = False  # mail goes to an SMTP sink of the runner (mail.host, mail.port)
    # (page, fraction): minimum requests/s as a fraction of another page's in the same run.
    min_ratio_of: tuple[str, float] | None = None

    def url_path(self, dataset):
        return self.path(dataset) if callable(self.path) else self.path


def sample(kind):
    """A path the generator reported: ``center``, ``department`` or ``item``."""

    def path(dataset):
        return dataset["samples"][kind]

    path.__name__ = f"sample_{kind}"
    return path


def sample_appointment(dataset):
    return dataset["samples"]["appointment"]


def sample_complaint(dataset):
    """A complaint of the first enterprise (the generator's ``complaint`` sample)."""
    if "complaint" not in dataset["samples"]:
        raise RuntimeError("the dataset has no complaint (--complaints 0?)")
    return dataset["samples"]["complaint"]


def sample_apply(dataset):
    return dataset["samples"]["item"] + "apply"


# Mail on, over SMTP to the runner's sink on loopback (bench/mailsink.py); the portal's
# sender retries and pauses as in production.
MAIL_ON = {"portal.mail": "smtp", "mail.default_sender": "noreply@bench.example.cn"}
MOVES_PER_SECOND = 400  # cases prepared per second of a review page: above its rate

BOOKING_FORM = "/appointments/new?center={}&department={}".format(*DEPARTMENT)

# The bare page every page is compared with (ningxia_portal.bench.ceiling, bench.ini only).
CEILING = Page("ceiling", "/@@ceiling")

SEARCH = quoted("/search", q="许可")


def last_year(path):
    """``path`` with the filter of the 365 days up to today (a statistic over a full year)."""

    def url(dataset):
        today = date.today()
        return f"{path}?start={today - timedelta(days=364)}&end={today}"

    return url


def with_cookie(path, cookie):
    """A ``prepare`` function: GET ``path`` (fixed, or of the dataset) sending ``cookie``,
    as a visitor's browser does after a choice in the header (a skin, elder mode)."""

    def prepare(base_url, dataset):
        target = path(dataset) if callable(path) else path
        return [Prepared("GET", target, {"Cookie": cookie})]

    prepare.__name__ = "with_cookie"
    return prepare


def stats_page(name, who, p50_ms, year=True):
    """``/stats/<name>`` as ``who`` (an admin: the whole hall; a department's reviewer: its
    counters only), over the last 365 days unless it is a page of one year's months."""
    path = last_year(f"/stats/{name}") if year else f"/stats/{name}"
    label = "admin" if who == "admin" else "staff"
    return Page(f"stats {name} ({label})", path, prepare=logged_in_get(who, path), p50_ms=p50_ms)


def logged_in_pages(who, label):
    """The public pages as ``who`` (a sample account) sees them, logged in: the same
    addresses as the anonymous pages, with the personal header and actions."""
    return [
        Page(f"{label} home", "/", prepare=logged_in_get(who, "/"), ratio=0.40),
        Page(
            f"{label} item", sample("item"), prepare=logged_in_get(who, sample("item")), ratio=0.60
        ),
        Page(f"{label} search", SEARCH, prepare=logged_in_get(who, SEARCH), ratio=0.40),
        Page(
            f"{label} center",
            sample("center"),
            prepare=logged_in_get(who, sample("center")),
            ratio=0.60,
        ),
        Page(
            f"{label} announcements",
            "/announcements/",
            prepare=logged_in_get(who, "/announcements/"),
            ratio=0.60,
        ),
    ]


PAGES = [
    Page("home", "/", ratio=0.50),
    Page("item", sample("item"), ratio=0.70),
    # A chosen skin is kept as the default one is (its own page and header per skin).
    Page(
        "home (red skin)",
        "/",
        prepare=with_cookie("/", "portal_skin=red"),
        min_ratio_of=("home", 0.95),
    ),
    Page(
        "item (red skin)",
        sample("item"),
        prepare=with_cookie(sample("item"), "portal_skin=red"),
        min_ratio_of=("item", 0.95),
    ),
    Page("search", SEARCH, ratio=0.50),
    Page("search-4char", quoted("/search", q="食品经营"), ratio=0.50),
    Page("announcements", "/announcements/"),
    Page("centers", "/centers/"),
    Page("center", sample("center")),
    Page("department", sample("department")),
    Page("404", "/centers/640100/no-such-department/", expect=404),
    Page("login", "/login", "POST", prepare=login_form_requests, expect=302),
    # Filings: the first enterprise has the most cases; the reviewer is the sample
    # department's (640100/scjg), whose queue is the largest.
    Page("my filings", "/filings/", prepare=logged_in_get("enterprise", "/filings/"), p50_ms=20),
    Page("staff queue", "/filings/", prepare=logged_in_get("reviewer", "/filings/"), p50_ms=20),
    Page(
        "supplements",
        "/filings/supplements",
        prepare=logged_in_get("enterprise", "/filings/supplements"),
        p50_ms=20,
    ),
    # Logged in: the public pages as an enterprise and as a reviewer, the case page (the
    # enterprise's newest case), the apply form.
    *logged_in_pages("enterprise", "enterprise"),
    *logged_in_pages("reviewer", "reviewer"),
    Page("case", "/filings/", prepare=logged_in_case("enterprise"), p50_ms=15),
    # 办件进度查询: anonymous lookups of the first enterprise's cases by number and phone.
    Page("track", "/track", "POST", prepare=track_lookups, p50_ms=10),
    # The first enterprise's message box: 10,000 messages, the newest page read.
    Page(
        "message box",
        "/messages/",
        prepare=logged_in_get("enterprise", "/messages/"),
        p50_ms=20,
    ),
    Page("apply form", sample_apply, prepare=logged_in_get("enterprise", sample_apply), p50_ms=15),
    # 好差评: the reviewer's rectification tasks with the averages of their departments (20
    # rows of a list, one tally per department: the same at any number of cases).
    Page(
        "evaluations (staff)",
        "/evaluations/",
        prepare=logged_in_get("reviewer", "/evaluations/"),
        p50_ms=20,
    ),
    # Notices: the public verification of the first enterprise's newest notice (a QR scan).
    Page("verify", "/verify/", prepare=notice_verification, p50_ms=10),
    # Consultations: the first enterprise's list and one of its consultations, the sample
    # department's reviewer's queue, the form.
    Page(
        "my consultations",
        "/consultations/",
        prepare=logged_in_get("enterprise", "/consultations/"),
        p50_ms=20,
        ratio=0.30,
    ),
    Page(
        "consultation queue",
        "/consultations/",
        prepare=logged_in_get("reviewer", "/consultations/"),
        p50_ms=20,
        ratio=0.30,
    ),
    Page(
        "ask form",
        "/consultations/new",
        prepare=logged_in_get("enterprise", "/consultations/new"),
        ratio=0.30,
    ),
    Page(
        "consultation",
        sample("consultation"),
        prepare=logged_in_get("enterprise", sample("consultation")),
        ratio=0.30,
    ),
    Page(
        "submit filing",
        sample_apply,
        "POST",
        prepare=filing_submissions,
        expect=303,
        min_rps=150,
    ),
    # Reviewers' moves (预审通过) of distinct submitted cases of many departments, mail off
    # and mail on (a message and a mail to the owner per move, sent after the commit): each
    # on a server of its own, after the dataset was restored, so that both move the same
    # cases; the database (and the sink) checked afterwards.
    Page(
        "review filing",
        "/filings/",
        "POST",
        prepare=filing_moves,
        expect=303,
        verify=count_moves,
        per_second=MOVES_PER_SECOND,
        server={},
    ),
    Page(
        "review filing (mail)",
        "/filings/",
        "POST",
        prepare=filing_moves,
        expect=303,
        verify=count_moves,
        per_second=MOVES_PER_SECOND,
        server=MAIL_ON,
        sink=True,
        min_ratio_of=("review filing", 0.90),
    ),
    # Appointments: the first enterprise's 我的预约 and one of its appointments; the sample
    # department's reviewer's queue of the day; the booking form and booking itself, with 8
    # writers, each session its own slot; the places of every slot counted afterwards.
    Page(
        "my appointments",
        "/appointments/",
        prepare=logged_in_get("enterprise", "/appointments/"),
        p50_ms=20,
        ratio=0.30,
    ),
    Page(
        "appointment queue",
        "/appointments/",
        prepare=logged_in_get("reviewer", "/appointments/"),
        p50_ms=20,
        ratio=0.30,
    ),
    Page(
        "appointment form",
        BOOKING_FORM,
        prepare=logged_in_get("enterprise", BOOKING_FORM),
        ratio=0.30,
    ),
    Page(
        "appointment",
        sample_appointment,
        prepare=appointment_page,
        ratio=0.30,
    ),
    Page(
        "book appointment",
        "/appointments/new",
        "POST",
        prepare=appointment_bookings,
        expect=303,
        min_rps=150,
        verify=count_overbooked,
    ),
    # Complaints: the first enterprise's list (a heavy share), 640100's handler's queue (the
    # largest), the form, one complaint of that enterprise.
    Page(
        "my complaints",
        "/complaints/",
        prepare=logged_in_get("enterprise", "/complaints/"),
        ratio=0.30,
    ),
    Page(
        "complaint queue",
        "/complaints/",
        prepare=logged_in_get("handler", "/complaints/"),
        p50_ms=20,
        ratio=0.30,
    ),
    Page(
        "new complaint",
        "/complaints/new",
        prepare=logged_in_get("enterprise", "/complaints/new"),
        ratio=0.30,
    ),
    Page(
        "complaint",
        sample_complaint,
        prepare=logged_in_get("enterprise", sample_complaint),
        ratio=0.30,
    ),
    # Statistics over the last 365 days: the whole hall's (an admin: the "*" counters) and
    # the sample department's (its reviewer: that department's counters only), and the
    # public 办件公示 of every center.
    stats_page("summary", "admin", 100),
    stats_page("states", "admin", 100),
    stats_page("satisfaction", "admin", 100),
    stats_page("monthly", "admin", 100, year=False),
    stats_page("summary", "reviewer", 50),
    stats_page("satisfaction", "reviewer", 50),
    Page("stats public", "/stats/public", p50_ms=100),
    # The audit log's newest page (an admin); the generator logs nothing, so it holds what
    # the run's own logins and moves wrote.
    Page("audit log (admin)", "/manage/audit/", prepare=logged_in_get("admin", "/manage/audit/")),
]

# Targets on pages that do not exist yet: (page, target, what brings the page).
# When a feature lands, it moves its line to PAGES with the target as a Page field.
PENDING = []

# Targets on the server process.
MAX_STARTUP_S = 3.0
MAX_PEAK_RSS_MB = 300.0
# One verification with the production argon2 profile (the fastest of a few runs).
MAX_PASSWORD_VERIFY_MS = 100.0
