"""Cases made through the real forms, and readers of the statistics' pages."""

import csv
import io
from datetime import UTC, datetime

from ningxia_portal.core.clock import CST
from tests.conftest import create_user
from tests.functional.evaluations.support import POOR, set_level
from tests.functional.filings.support import (
    ITEM_COMPLETE,
    ITEM_PREREVIEW,
    login,
    submit_filing,
    take,
)

JUNE = {"start": "2026-06-01", "end": "2026-06-30"}


def setup_cases(client, clock):
    """acme: two cases received on Monday 1 June (scjg, completed and rated 不满意; ga) and
    one on 2 June (scjg); other: one scjg case on 2 June. Returns the case numbers.

    June, away from the demo data's March, so every June figure is these cases'."""
    clock.set(datetime(2026, 6, 1, 9, tzinfo=CST).astimezone(UTC))
    _, a1 = submit_filing(client, ITEM_COMPLETE)
    _, a2 = submit_filing(client, ITEM_PREREVIEW)
    clock.advance(days=1)
    _, a3 = submit_filing(client, ITEM_COMPLETE)
    _, o1 = submit_filing(client, ITEM_COMPLETE, username="other")
    rev = login(client(), "rev")
    for transition in ("prereview", "accept", "complete"):
        take(rev, a1, transition)
    acme = login(client(), "acme")
    page = acme.get(a1 + "rate")
    form = page.forms["rate"]
    for name, level in POOR.items():
        set_level(page, form, name, level)
    form.submit("rate", status=303)
    return [u.split("/")[2] for u in (a1, a2, a3, o1)]


def add_staff(wsgi_app, username, *grants):
    create_user(wsgi_app, username, kind="staff", grants=grants, title="窗口 李")


def table(res):
    """{row label: [cells]} of the statistic's table."""
    found = {}
    for tr in res.html.select(".stats-table tbody tr"):
        th = tr.select_one("th")
        if th is not None:
            found[th.get_text(strip=True)] = [td.get_text(strip=True) for td in tr.select("td")]
    return found


def errors(res):
    return {
        p.find_parent("div").select_one("[name]")["name"]: p.get_text(strip=True)
        for p in res.html.select("#stats-filter .invalid-feedback")
    }


def read_csv(res):
    assert res.content_type == "text/csv" and res.charset == "utf-8"
    assert res.body.startswith("\ufeff".encode())
    assert res.headers["Content-Disposition"].startswith("attachment; filename=")
    return list(csv.reader(io.StringIO(res.body.decode("utf-8-sig"))))
