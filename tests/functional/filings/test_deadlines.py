"""Promised dates through the app: across New Year 2027 (a provisional year), with an admin's
override taking effect at once, and due today / overdue on and after the date."""

from datetime import UTC, date, datetime

from tests.functional.filings.support import ITEM_COMPLETE, login, main_text, submit_filing

JSON = {"Accept": "application/json"}
NOTE = "按暂定节假日安排计算"


def at(clock, day, hour_utc=1):  # 01:00 UTC is 09:00 in Yinchuan
    clock.set(datetime(day.year, day.month, day.day, hour_utc, tzinfo=UTC))


def deadline_cell(page):
    return page.html.select_one(".case-deadline").get_text(" ", strip=True)


def queue_row(app, case_no, **params):
    page = app.get("/filings/", params={"state": "all", **params})
    for row in page.html.select(".filing-row"):
        if row.select_one("td").get_text(strip=True) == case_no:
            return row
    return None


def test_a_promised_date_across_new_year_2027_skips_it_and_says_provisional_to_staff(
    client, clock, open_root, filing_wsgi_app
):
    at(clock, date(2026, 12, 31))  # Thursday
    owner, url = submit_filing(client, ITEM_COMPLETE)
    case_no = url.split("/")[2]
    # 5 working days: 1 Jan 2027 is 元旦, 2–3 Jan the weekend → 4–8 Jan.
    with open_root(filing_wsgi_app) as root:
        filing = root["filings"][case_no]
        assert filing.deadline == date(2027, 1, 8) and filing.deadline_provisional is True
    assert owner.get(url, headers=JSON).json["deadline"] == "2027-01-08"
    mine = deadline_cell(owner.get(url))
    assert mine.startswith("2027-01-08") and NOTE not in mine  # enterprises see the date

    rev = login(client(), "rev")
    assert deadline_cell(rev.get(url)) == f"2027-01-08（剩余 5 个工作日） {NOTE}"
    row = queue_row(rev, case_no)
    assert row.select_one(".deadline").get_text(" ", strip=True) == f"2027-01-08 {NOTE}"
    assert row.select_one(".remaining").get_text(strip=True) == "5"


def test_a_promised_date_within_a_published_year_has_no_note(client, clock, open_root):
    _owner, url = submit_filing(client, ITEM_COMPLETE)  # Monday 2026-03-02
    rev = login(client(), "rev")
    assert deadline_cell(rev.get(url)) == "2026-03-09（剩余 5 个工作日）"
    assert NOTE not in main_text(rev.get("/filings/"))


def test_an_admins_override_counts_at_once(client, clock, open_root, filing_wsgi_app):
    at(clock, date(2026, 12, 31))
    _owner, url = submit_filing(client, ITEM_COMPLETE)
    case_no = url.split("/")[2]
    rev = login(client(), "rev")
    assert queue_row(rev, case_no).select_one(".remaining").get_text(strip=True) == "5"

    admin = login(client(), "admin1")
    form = admin.get("/manage/calendar/").forms["override"]
    form["date"], form["kind"], form["note"] = "2027-01-04", "holiday", "元旦调休放假"
    assert form.submit("submit").status_int == 302

    # The kept row is not served again: Monday 4 January no longer counts.
    assert queue_row(rev, case_no).select_one(".remaining").get_text(strip=True) == "4"
    _owner, url = submit_filing(client, ITEM_COMPLETE)
    with open_root(filing_wsgi_app) as root:
        assert root["filings"][url.split("/")[2]].deadline == date(2027, 1, 11)


def test_due_today_on_the_date_and_overdue_from_the_weekend_after(client, clock):
    at(clock, date(2026, 3, 6))  # Friday
    owner, url = submit_filing(client, ITEM_COMPLETE)
    case_no = url.split("/")[2]
    assert owner.get(url, headers=JSON).json["deadline"] == "2026-03-13"  # Friday

    def seen_on(day):
        at(clock, day)
        rev = login(client(), "rev")
        remaining = queue_row(rev, case_no).select_one(".remaining").get_text(strip=True)
        due = {
            choice: case_no
            in [
                f["case_no"]
                for f in rev.get("/filings/", {"due": choice}, headers=JSON).json["filings"]
            ]
            for choice in ("overdue", "today", "3")
        }
        return remaining, deadline_cell(rev.get(url)), due

    remaining, cell, due = seen_on(date(2026, 3, 12))
    assert remaining == "1" and cell == "2026-03-13（剩余 1 个工作日） 即将到期"
    assert due == {"overdue": False, "today": False, "3": True}

    remaining, cell, due = seen_on(date(2026, 3, 13))
    assert remaining == "今日到期" and cell == "2026-03-13（今日到期） 即将到期"
    assert due == {"overdue": False, "today": True, "3": True}

    remaining, cell, due = seen_on(date(2026, 3, 14))  # Saturday: late, not "0 days left"
    assert remaining == "已超期 1 个工作日" and cell == "2026-03-13（已超期 1 个工作日） 已超期"
    assert due == {"overdue": True, "today": False, "3": False}
    assert login(client(), "acme").get(url, headers=JSON).json["remaining_working_days"] == -1

    assert seen_on(date(2026, 3, 16))[0] == "已超期 1 个工作日"  # Monday
    assert seen_on(date(2026, 3, 17))[0] == "已超期 2 个工作日"
