"""A case filed at 04:30 in Yinchuan (20:30 UTC the day before) is dated that day in China:
on its case number, its row, its case page, its JSON and every notice."""

from datetime import UTC, datetime

import pytest

from tests.functional.filings.support import (
    ITEM_COMPLETE,
    login,
    main_text,
    pdf,
    submit_filing,
    take,
)

JSON = {"Accept": "application/json"}
# 2026-03-01 20:30 UTC is Monday 2026-03-02 04:30 in Yinchuan.
BEFORE_DAWN = datetime(2026, 3, 1, 20, 30, tzinfo=UTC)
# 2026-03-02 17:00 UTC is Tuesday 2026-03-03 01:00 in Yinchuan.
AFTER_MIDNIGHT = datetime(2026, 3, 2, 17, 0, tzinfo=UTC)


@pytest.fixture
def early_case(client, clock):
    clock.set(BEFORE_DAWN)
    owner, url = submit_filing(client, ITEM_COMPLETE)
    return owner, url, url.strip("/").split("/")[-1]


def test_the_case_number_row_page_and_json_carry_the_date_in_china(early_case):
    owner, url, case_no = early_case
    assert case_no.startswith("640100-20260302-")

    row = owner.get("/filings/").html.select_one(".filing-row")
    cells = [td.get_text(strip=True) for td in row.select("td")]
    assert cells[0] == case_no
    assert cells[4] == "2026-03-02"  # submitted
    assert cells[5] == "2026-03-09"  # 5 working days from Monday, not from Sunday

    page = main_text(owner.get(url))
    assert "提交时间 2026-03-02 04:30" in page and "2026-03-01" not in page

    data = owner.get(url, headers=JSON).json
    assert data["submitted"] == "2026-03-02T04:30:00+08:00"
    assert data["created"] == "2026-03-02T04:30:00+08:00"
    assert data["deadline"] == "2026-03-09"
    assert [h["time"] for h in data["history"]] == ["2026-03-02T04:30:00+08:00"]
    listed = owner.get("/filings/", headers=JSON).json["filings"][0]
    assert listed["submitted"] == "2026-03-02T04:30:00+08:00"


def test_every_notice_is_dated_in_china(early_case, client, clock):
    owner, url, case_no = early_case
    clock.set(AFTER_MIDNIGHT)
    rev = login(client(), "rev")
    take(rev, url, "return", comment="请补正营业执照")
    notice = login(client(), "acme").get(url + "notices/supplement")
    assert notice.html.select_one(".notice-footer").get_text(" ", strip=True).endswith("2026-03-03")

    form = login(client(), "acme").get(url + "supplement").forms["supplement"]
    form.fields["upload"][0].value = [pdf("补正材料.pdf")]
    assert form.submit("supplement").status_int == 303
    for name in ("prereview", "accept", "complete"):
        take(rev, url, name, comment="经审查，材料齐全。")
    owner = login(client(), "acme")
    acceptance = owner.get(url + "notices/acceptance")
    text = main_text(acceptance)
    assert "你单位于 2026-03-02 提交的" in text  # submitted on Monday in China …
    footer = acceptance.html.select_one(".notice-footer").get_text(" ", strip=True)
    assert footer.endswith("2026-03-03")  # … accepted on Tuesday at 01:00
    completion = owner.get(url + "notices/completion").html.select_one(".notice-footer")
    assert completion.get_text(" ", strip=True).endswith("2026-03-03")


def test_a_refusal_notice_is_dated_in_china(early_case, client, clock):
    owner, url, case_no = early_case
    clock.set(AFTER_MIDNIGHT)
    take(login(client(), "rev"), url, "reject", comment="不属于本部门受理范围")
    refusal = login(client(), "acme").get(url + "notices/refusal")
    footer = refusal.html.select_one(".notice-footer").get_text(" ", strip=True)
    assert footer.endswith("2026-03-03")
    history = main_text(login(client(), "rev").get(url))
    assert "2026-03-03 01:00" in history and "2026-03-02 04:30" in history
