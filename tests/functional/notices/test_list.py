"""/notices/: each viewer lists exactly the notices they may print, newest first."""

import pytest

from tests.functional.filings.support import login
from tests.functional.notices.conftest import case_no

JSON = {"Accept": "application/json"}


def listed(app, **params):
    """(kind, case number) of every row of the JSON answer."""
    data = app.get("/notices/", params=params, headers=JSON).json
    return [(n["kind"], n["case_no"]) for n in data["notices"]], data["total"]


def acme_rows(cases):
    """acme's notices, newest first (the order the fixture issued them in)."""
    return [
        ("refusal", case_no(cases["rejected"])),
        ("supplement", case_no(cases["returned"])),
        ("completion", case_no(cases["completed"])),
        ("acceptance", case_no(cases["completed"])),
    ]


@pytest.mark.parametrize(
    ("username", "whose"),
    [
        ("acme", "acme"),  # the owner: its own cases' notices
        ("rev", "acme"),  # the reviewer of 640100/scjg, where acme filed
        ("other", "other"),  # the other enterprise: its own alone
        ("garev", "other"),  # the reviewer of 640100/ga, where other filed
        ("swrev", "nobody"),  # a reviewer of a department with no case
        ("centerrev", "all"),  # the center's reviewer
        ("admin1", "all"),
    ],
)
def test_each_viewer_lists_the_notices_they_may_print(client, cases, username, whose):
    theirs = {
        "acme": acme_rows(cases),
        "other": [("supplement", case_no(cases["other"]))],
        "nobody": [],
        "all": [("supplement", case_no(cases["other"])), *acme_rows(cases)],
    }[whose]
    app = login(client(), username)
    assert listed(app) == (theirs, len(theirs))
    page = app.get("/notices/")
    shown = [r.get_text(" ", strip=True) for r in page.html.select("tr.notice-row")]
    assert len(shown) == len(theirs)
    for (_kind, number), text in zip(theirs, shown, strict=True):
        assert number in text and "2026-03-02" in text
    assert (
        page.html.select_one(".result-count").get_text(strip=True) == f"共 {len(theirs)} 份通知书"
    )


def test_rows_hold_kind_case_item_applicant_date_and_links(client, cases):
    page = login(client(), "acme").get("/notices/")
    first = page.html.select_one("tr.notice-row")
    cells = [td.get_text(strip=True) for td in first.select("td")]
    assert cells == [
        "不予受理通知书",  # rejected before acceptance
        case_no(cases["rejected"]),
        "食品经营许可（新办）",
        "宁夏阿克米食品有限公司",
        "2026-03-02",
        "PDF",
    ]
    links = [a["href"] for a in first.select("a")]
    assert links[0].endswith(cases["rejected"] + "notices/refusal")
    assert links[-1].endswith(cases["rejected"] + "notices/refusal.pdf")
    data = login(client(), "acme").get("/notices/", headers=JSON).json["notices"][0]
    assert data["issued"] == "2026-03-02T09:05:00+08:00"
    assert data["verify_url"] == "http://localhost/verify/" + data["code"]


def test_filter_by_kind_and_keyword(client, cases):
    acme = login(client(), "acme")
    assert listed(acme, kind="supplement") == ([("supplement", case_no(cases["returned"]))], 1)
    assert listed(acme, kind="completion")[1] == 1
    assert listed(acme, kind="nonsense") == listed(acme)  # an unknown kind filters nothing
    number = case_no(cases["completed"])
    assert listed(acme, q=number) == (
        [("completion", number), ("acceptance", number)],
        2,
    )
    assert listed(acme, q=number[:16])[1] == 4  # the start of a case number: that day's
    assert listed(acme, q="食品经营")[1] == 4  # any part of the item's name as filed
    assert listed(acme, q="阿克米")[1] == 4  # … or of the applicant's
    assert listed(acme, q="旅馆")[1] == 0
    staff = login(client(), "centerrev")
    assert listed(staff, q="其他商贸") == ([("supplement", case_no(cases["other"]))], 1)
    assert listed(staff, q="阿克米", kind="acceptance")[1] == 1


def test_another_enterprise_finds_nothing_of_acme(client, cases):
    """From the other side: not in the list, its JSON, a keyword, nor the pages."""
    other = login(client(), "other")
    mine = [("supplement", case_no(cases["other"]))]
    for q in (case_no(cases["completed"]), "阿克米", "食品经营许可", "640100-20260302"):
        rows, total = listed(other, q=q)
        assert all(row in mine for row in rows) and total == len(rows)
        table = other.get("/notices/", params={"q": q}).html.select_one("table.notice-list")
        assert "阿克米" not in table.text and case_no(cases["rejected"]) not in table.text
    for kind, url in (("acceptance", cases["completed"]), ("refusal", cases["rejected"])):
        assert other.get(url + f"notices/{kind}", status=404).status_int == 404
        assert other.get(url + f"notices/{kind}.pdf", status=404).status_int == 404


def test_the_list_is_for_people_logged_in_and_linked_in_their_navigation(client, cases):
    assert "/login" in client().get("/notices/", status=302).location
    assert client().get("/notices/", headers=JSON, status=401).json["error"] == "login_required"
    home = login(client(), "acme").get("/")
    links = {a.get_text(strip=True): a["href"] for a in home.html.select("header a")}
    assert links.get("通知书") == "http://localhost/notices/"
    assert "通知书" not in [
        a.get_text(strip=True) for a in client().get("/").html.select("header a")
    ]


def test_paging_tolerates_any_page(client, cases):
    acme = login(client(), "acme")
    for page in ("0", "-1", "abc", "99"):
        data = acme.get("/notices/", params={"page": page}, headers=JSON).json
        assert data["page"] == 1 and data["pages"] == 1 and len(data["notices"]) == 4
