"""Promised dates shown plainly: 已超期 (red) past the date, 即将到期 (amber) on it and in the
two working days before, on the case page and in the staff queue, counted by the holiday
calendar and the app's clock; finished cases are never marked; the enterprise's list shows
the date."""

from datetime import UTC, date, datetime

from tests.functional.filings.support import ITEM_COMPLETE, login, submit_filing, take

JSON = {"Accept": "application/json"}
OVERDUE, DUE_SOON = ("已超期", "deadline-overdue"), ("即将到期", "deadline-due-soon")


def at(clock, day):
    clock.set(datetime(day.year, day.month, day.day, 1, tzinfo=UTC))  # 09:00 in Yinchuan


def mark_of(element):
    """(text, colour class) of the mark inside ``element``, or None."""
    mark = element.select_one(".deadline-mark")
    if mark is None:
        return None
    colour = next(c for c in mark["class"] if c != "deadline-mark")
    return mark.get_text(strip=True), colour


def row_of(page, case_no):
    for row in page.html.select(".filing-row"):
        if row.select_one("td").get_text(strip=True) == case_no:
            return row
    raise AssertionError(f"{case_no} is not listed")


def marks_seen(client, url):
    """The mark on the reviewer's case page, the owner's, the queue's row, and the JSON's
    (logged in afresh: the clock moves past a session's lifetime)."""
    case_no = url.split("/")[2]
    staff, owner = login(client(), "rev"), login(client(), "acme")
    queue = staff.get("/filings/", {"state": "all"})
    listed = staff.get("/filings/", {"state": "all"}, headers=JSON).json["filings"]
    (json_mark,) = [f["deadline_mark"] for f in listed if f["case_no"] == case_no]
    return (
        mark_of(staff.get(url).html.select_one(".case-deadline")),
        mark_of(owner.get(url).html.select_one(".case-deadline")),
        mark_of(row_of(queue, case_no).select_one(".deadline")),
        json_mark,
    )


def test_marks_follow_the_working_days_left_and_a_kept_row_follows_the_date(client, clock):
    _owner, url = submit_filing(client, ITEM_COMPLETE)  # Monday 2026-03-02, due Monday 03-09
    seen = {}
    for day in (2, 4, 5, 6, 9, 10, 4):  # back to the 4th last: a row kept later is not reused
        at(clock, date(2026, 3, day))
        seen[day] = marks_seen(client, url)
    assert seen[2] == seen[4] == (None, None, None, None)  # 5 and 3 working days left
    assert seen[5] == (DUE_SOON, DUE_SOON, DUE_SOON, "due_soon")  # 2 left: Friday, Monday
    assert seen[6] == seen[9] == seen[5]  # 1 left; due today
    assert seen[10] == (OVERDUE, OVERDUE, OVERDUE, "overdue")


def test_marks_count_working_days_across_national_day(client, clock, open_root, filing_wsgi_app):
    at(clock, date(2026, 9, 24))  # Thursday; 25–27 中秋, 1–7 October 国庆, 10 October worked
    owner, url = submit_filing(client, ITEM_COMPLETE)
    assert owner.get(url, headers=JSON).json["deadline"] == "2026-10-09"  # 5 working days
    expected = {
        date(2026, 9, 29): None,  # 3 working days left (30 Sept, 8 and 9 Oct)
        date(2026, 9, 30): DUE_SOON,  # nine days ahead, but only 8 and 9 October are worked
        date(2026, 10, 7): DUE_SOON,  # the last day of the holiday
        date(2026, 10, 9): DUE_SOON,  # due today
        date(2026, 10, 10): OVERDUE,  # a Saturday worked in exchange (调休)
    }
    for day, mark in expected.items():
        at(clock, day)
        staff_page, owner_page, row, _json = marks_seen(client, url)
        assert staff_page == owner_page == row == mark, day


def test_finished_cases_are_never_marked(client, clock):
    _owner, done = submit_filing(client, ITEM_COMPLETE)
    _owner, open_case = submit_filing(client, ITEM_COMPLETE)
    staff = login(client(), "rev")
    for step in ("prereview", "accept", "complete"):
        take(staff, done, step)
    at(clock, date(2026, 3, 16))  # a week after both promised dates
    assert marks_seen(client, done) == (None, None, None, None)
    assert marks_seen(client, open_case)[0] == OVERDUE


def test_the_enterprise_sees_the_promised_date_in_its_list(client, clock):
    _owner, url = submit_filing(client, ITEM_COMPLETE)
    case_no = url.split("/")[2]
    at(clock, date(2026, 3, 10))
    owner = login(client(), "acme")
    mine = owner.get("/filings/")
    headers = [th.get_text(strip=True) for th in mine.html.select(".filing-list thead th")]
    row = row_of(mine, case_no)
    cells = [td.get_text(" ", strip=True) for td in row.select("td")]
    assert cells[headers.index("承诺办结日期")] == "2026-03-09"
    assert "已超期" in owner.get(url).html.select_one(".case-deadline").get_text()
