"""What `make bench` measures: the pages, as data, and issue 7's targets.

A feature adds its pages with one line in ``PAGES``. A page's path is fixed, or a function of
the dataset report of ``ningxia-portal-gen`` (its ``samples`` hold real paths of the database).

POST pages (login, filing submission with uploads) come with a ``prepare`` function
``prepare(base_url, dataset) -> (headers, body bytes)``, which the runner calls once before
the page's run: it GETs the form with ``urllib`` (keeping the session cookie), reads the CSRF
token from the form, and returns the headers (``Cookie``, ``Content-Type`` — for uploads a
``multipart/form-data; boundary=…`` body built in Python — and ``X-CSRF-Token``) and the body.
The runner writes the body to a file that ``latency.lua`` sends (``BENCH_BODY_FILE``) with
``BENCH_METHOD=POST``; ``expect`` is then the status of a successful post (e.g. 303).
For filing submission that is::

    Page("submit filing", item_path, "POST", prepare=filing_form, expect=303, min_rps=150),

and a successful submission writes to the database: the runner truncates the dataset back to
its generated size after every run, so a reused dataset never grows.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """One measured page and its targets (each None when issue 7 sets none)."""

    name: str
    path: str | Callable[[dict], str]
    method: str = "GET"
    prepare: Callable | None = None  # POST pages: (base_url, dataset) -> (headers, body)
    expect: int = 200
    ratio: float | None = None  # minimum requests/s as a fraction of the ceiling's
    p50_ms: float | None = None  # maximum median latency
    min_rps: float | None = None  # minimum requests/s (writers)

    def url_path(self, dataset):
        return self.path(dataset) if callable(self.path) else self.path


def sample(kind):
    """A path the generator reported: ``center``, ``department`` or ``item``."""

    def path(dataset):
        return dataset["samples"][kind]

    path.__name__ = f"sample_{kind}"
    return path


# The bare page every page is compared with (ningxia_portal.bench.ceiling, bench.ini only).
CEILING = Page("ceiling", "/@@ceiling")

PAGES = [
    Page("home", "/", ratio=0.50),
    Page("item", sample("item"), ratio=0.70),
    Page("centers", "/centers/"),
    Page("center", sample("center")),
    Page("department", sample("department")),
    Page("404", "/centers/640100/no-such-department/", expect=404),
]

# Issue 7's targets on pages that do not exist yet: (page, target, what brings the page).
# When a feature lands, it moves its line to PAGES with the target as a Page field.
PENDING = [
    ("search", "≥ 50% of the ceiling", "the search catalog"),
    ("announcements list", "measured, no target", "the announcements feature"),
    ("my filings", "p50 ≤ 20 ms with 1,000,000 filings", "the filings feature"),
    ("staff queue", "p50 ≤ 20 ms with 1,000,000 filings", "the filings feature"),
    ("login (POST)", "measured, no target", "the accounts feature"),
    ("filing submission (POST, uploads)", "≥ 150/s with 8 writers, 0 errors", "filings"),
]

# Issue 7's targets on the server process.
MAX_STARTUP_S = 3.0
MAX_PEAK_RSS_MB = 300.0
