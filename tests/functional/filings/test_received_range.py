"""/filings/?from=&to=: the cases received in a range of days (the day in the case number),
for each viewer within their own list, with the list's other filters."""

from tests.functional.filings.support import (
    ITEM_COMPLETE,
    ITEM_PREREVIEW,
    login,
    submit_filing,
    take,
)

JSON = {"Accept": "application/json"}


def listed(app, **params):
    data = app.get("/filings/", params=params, headers=JSON).json
    return sorted(f["case_no"] for f in data["filings"]), data["total"]


def test_received_range_within_each_viewers_list(client, clock):
    _, a1 = submit_filing(client, ITEM_COMPLETE)  # Monday 2 March
    clock.advance(days=1)
    _, a2 = submit_filing(client, ITEM_PREREVIEW)  # 3 March, 640100/ga
    _, o1 = submit_filing(client, ITEM_COMPLETE, username="other")
    clock.advance(days=1)
    _, a3 = submit_filing(client, ITEM_COMPLETE)  # 4 March
    take(login(client(), "rev"), a3, "prereview")
    a1, a2, o1, a3 = (u.split("/")[2] for u in (a1, a2, o1, a3))

    acme = login(client(), "acme")
    assert listed(acme, **{"from": "2026-03-03", "to": "2026-03-03"}) == ([a2], 1)
    assert listed(acme, **{"from": "2026-03-03"}) == (sorted([a2, a3]), 2)
    assert listed(acme, to="2026-03-03") == (sorted([a1, a2]), 2)
    assert listed(acme, **{"from": "2026-03-02", "to": "2026-03-04", "state": "submitted"}) == (
        sorted([a1, a2]),
        2,
    )
    assert listed(acme, **{"from": "2026-03-05"}) == ([], 0)
    # Nonsense dates are no filter; another center's range holds none of these cases.
    assert listed(acme, **{"from": "2026-02-31"})[1] == 3
    assert listed(acme, center="640104") == ([], 0)

    rev = login(client(), "rev")  # 640100/scjg: a1, o1, a3 — never the ga case
    assert listed(rev, state="all", **{"from": "2026-03-03", "to": "2026-03-03"}) == ([o1], 1)
    assert listed(rev, state="all", center="640100", to="2026-03-04") == (sorted([a1, o1, a3]), 3)
    assert listed(rev, state="prereview_passed", **{"from": "2026-03-04"}) == ([a3], 1)
    admin = login(client(), "admin1")
    range_ = {"from": "2026-03-03", "to": "2026-03-04", "state": "all"}
    assert listed(admin, **range_) == (sorted([a2, o1, a3]), 3)
    assert listed(admin, department="640100/ga", **range_) == ([a2], 1)
    form = admin.get("/filings/", params=range_).forms["filing-filters"]
    assert form["from"].value == "2026-03-03" and form["to"].value == "2026-03-04"
