"""The statistics' pages from every side: what each viewer sees, in the page and the CSV."""

import re

from tests.functional.filings.support import login
from tests.functional.stats.support import (
    JUNE,
    add_staff,
    errors,
    read_csv,
    setup_cases,
    table,
)


def received(res):
    return table(res)["受理件数"][0]


def test_admin_sees_every_figure_chart_table_and_csv(client, clock):
    setup_cases(client, clock)
    admin = login(client(), "admin1")
    index = admin.get("/stats/")
    assert index.headers["Cache-Control"] == "private, no-store"
    assert len(index.html.select(".stats-links a")) == 6
    res = admin.get("/stats/summary", params=JUNE)
    assert res.headers["Cache-Control"] == "private, no-store"
    rows = table(res)
    assert rows["受理件数"] == ["4"] and rows["已办结"] == ["1"]
    assert rows["预审通过"] == ["1"] and rows["已受理"] == ["1"]
    assert res.html.select_one(".stats-table caption").get_text().startswith("汇总统计")
    svgs = res.html.select("figure.stats-chart svg")
    assert len(svgs) == 2
    for svg in svgs:
        assert svg["role"] == "img" and "受理件数" in svg["aria-label"]
        assert svg.select_one("title") and svg.select_one("desc")
    assert "<script" not in "".join(str(s) for s in svgs)
    assert not re.search(r'(?:href|src)="(?!#)', "".join(str(s) for s in svgs))
    csv_link = res.html.select_one("a.stats-csv")["href"]
    assert "start=2026-06-01" in csv_link and "format=csv" in csv_link
    sheet = read_csv(admin.get(csv_link))
    assert sheet[0] == ["统计项", "数量"]
    assert ["受理件数", "4"] in sheet and ["已办结", "1"] in sheet
    disposition = admin.get(csv_link).headers["Content-Disposition"]
    assert "stats-summary-20260601-20260630.csv" in disposition


def test_every_statistic_shows_its_figures(client, clock):
    setup_cases(client, clock)
    admin = login(client(), "admin1")
    scjg = "银川市 银川市市场监督管理局"
    types = table(admin.get("/stats/item-types", params=JUNE))
    assert types["行政审批"] == ["分组", "4"] and types["行政许可"] == ["事项类型", "4"]
    months = table(admin.get("/stats/monthly", params={"year": "2026"}))
    assert months["6月"] == ["4"] and months["7月"] == ["0"]
    states = table(admin.get("/stats/states", params=JUNE))
    assert states["已办结"] == ["1"] and states["已提交，待预审"] == ["3"]
    satisfaction = table(admin.get("/stats/satisfaction", params=JUNE))
    assert satisfaction == {scjg: ["1", "2.00", "1", "100.0%", "1"]}


def test_reviewer_sees_only_the_department_and_cannot_choose_another(client, clock):
    setup_cases(client, clock)
    rev = login(client(), "rev")  # reviewer of 640100/scjg
    res = rev.get("/stats/summary", params=JUNE)
    assert received(res) == "3"  # a1, a3, o1: the ga case is not theirs
    form = res.forms["stats-filter"]
    assert [v for v, *_ in form["center"].options] == ["", "640100"]
    res = rev.get("/stats/summary", params={**JUNE, "center": "640100"})
    assert [v for v, *_ in res.forms["stats-filter"]["department"].options] == ["", "scjg"]
    refused = rev.get("/stats/summary", params={**JUNE, "center": "640100", "department": "ga"})
    assert errors(refused) == {"department": "请选择所选服务中心中您有权查看的部门。"}
    assert refused.html.select_one(".stats-table") is None
    assert refused.forms["stats-filter"]["start"].value == "2026-06-01"
    refused = rev.get("/stats/summary", params={**JUNE, "center": "640104"})
    assert errors(refused) == {"center": "请选择您有权查看统计的服务中心。"}
    sheet = read_csv(rev.get("/stats/states", params={**JUNE, "format": "csv"}))
    assert sum(int(row[1]) for row in sheet[1:]) == 3


def test_complaint_handler_sees_the_center(client, clock, filing_wsgi_app):
    setup_cases(client, clock)
    add_staff(filing_wsgi_app, "handler1", ("complaint_handler", "640100"))
    handler = login(client(), "handler1")
    res = handler.get("/stats/summary", params=JUNE)
    assert received(res) == "4"
    # Their filings list shows no case (they review none): the figures link nowhere.
    assert res.html.select(".stats-table a") == []
    # A reviewer's figures do link to the list of the cases they count.
    rev = login(client(), "rev")
    links = rev.get("/stats/summary", params=JUNE).html.select(".stats-table a")
    assert links and all("/filings/" in a["href"] for a in links)


def test_enterprise_sees_only_its_own(client, clock):
    a1, a2, a3, o1 = setup_cases(client, clock)
    acme = login(client(), "acme")
    res = acme.get("/stats/summary", params=JUNE)
    assert received(res) == "3"
    form = res.forms["stats-filter"]
    assert "center" not in form.fields and "department" not in form.fields
    # A center or department in the address changes nothing: it is not theirs to choose.
    assert received(acme.get("/stats/summary", params={**JUNE, "center": "640100"})) == "3"
    other = login(client(), "other")
    assert received(other.get("/stats/summary", params=JUNE)) == "1"
    sheet = read_csv(other.get("/stats/states", params={**JUNE, "format": "csv"}))
    assert sum(int(row[1]) for row in sheet[1:]) == 1
    assert table(other.get("/stats/satisfaction", params=JUNE)) == {}


def test_anonymous_logs_in_first_but_reads_the_public_page(client, clock):
    setup_cases(client, clock)
    anonymous = client()
    for name in ("", "summary", "satisfaction"):
        res = anonymous.get(f"/stats/{name}", status=302)
        assert "/login" in res.location
    res = anonymous.get("/stats/public")
    assert "Cache-Control" not in res.headers or "no-store" not in res.headers["Cache-Control"]
    rows = table(res)
    assert rows["银川市"][:2] == ["4", "1"]  # this month; the year holds the demo's too
    assert "阿克米" not in res.text and "其他商贸" not in res.text
    assert "/stats/public" in anonymous.get("/").text  # linked from the footer


def test_bad_filter_comes_back_with_messages_and_values(client, clock):
    admin = login(client(), "admin1")
    res = admin.get("/stats/summary", params={"start": "2026-03-05", "end": "2026-03-01"})
    assert res.status_int == 200
    assert errors(res) == {"end": "结束日期不能早于开始日期。"}
    form = res.forms["stats-filter"]
    assert form["start"].value == "2026-03-05" and form["end"].value == "2026-03-01"
    res = admin.get("/stats/summary", params={"start": "2020-01-01", "end": "2026-06-01"})
    assert errors(res) == {"end": "日期范围最长为三年。"}
    res = admin.get("/stats/summary", params={"start": "2026-13-45"})
    assert errors(res) == {"start": "请输入日期，例如 2026-01-31。"}
    res = admin.get("/stats/monthly", params={"year": "1999"})
    assert errors(res) == {"year": "请选择所列年份之一。"}


def test_empty_result_shows_an_empty_chart_and_a_message(client, clock):
    admin = login(client(), "admin1")
    res = admin.get("/stats/states", params={"start": "2025-01-01", "end": "2025-01-31"})
    assert "没有符合条件的统计数据。" in res.html.select_one(".stats-empty").text
    assert len(res.html.select("figure.stats-chart svg")) == 2
    assert set(sum(table(res).values(), [])) == {"0"}
    sheet = read_csv(admin.get("/stats/states?start=2025-01-01&end=2025-01-31&format=csv"))
    assert len(sheet) == 8 and all(row[1] == "0" for row in sheet[1:])


def test_refresh_follows_the_center_without_script(client, filing_wsgi_app):
    add_staff(filing_wsgi_app, "tworev", ("reviewer", "640100/scjg"), ("reviewer", "640104/sw"))
    staff = login(client(), "tworev")
    res = staff.get("/stats/summary", params={"center": "640100", "department": "scjg"})
    form = res.forms["stats-filter"]
    assert [v for v, *_ in form["center"].options] == ["", "640100", "640104"]
    form["center"] = "640104"
    refreshed = form.submit("refresh")
    assert errors(refreshed) == {}
    form = refreshed.forms["stats-filter"]
    assert form["center"].value == "640104" and form["department"].value == ""
    assert [v for v, *_ in form["department"].options] == ["", "sw"]
    # Shown (not refreshed), a department of another center is refused at the field.
    res = staff.get("/stats/summary", params={"center": "640104", "department": "scjg"})
    assert errors(res) == {"department": "请选择所选服务中心中您有权查看的部门。"}


def test_drill_down_lists_exactly_the_counted_cases(client, clock):
    a1, a2, a3, o1 = setup_cases(client, clock)
    for user, expected in (
        ("admin1", {a1, a2, a3, o1}),
        ("rev", {a1, a3, o1}),
        ("acme", {a1, a2, a3}),
    ):
        viewer = login(client(), user)
        page = viewer.get("/stats/summary", params=JUNE)
        link = page.html.select_one(".stats-table tbody tr a.stats-drill")["href"]
        listed = viewer.get(link, headers={"Accept": "application/json"}).json
        assert {f["case_no"] for f in listed["filings"]} == expected, user
    admin = login(client(), "admin1")
    states = admin.get("/stats/states", params={**JUNE, "center": "640100", "department": "scjg"})
    link = [a for a in states.html.select("a.stats-drill") if "state=completed" in a["href"]][0]
    listed = admin.get(link["href"], headers={"Accept": "application/json"}).json
    assert [f["case_no"] for f in listed["filings"]] == [a1]
    day = admin.get("/stats/summary", params={"start": "2026-06-02", "end": "2026-06-02"})
    link = day.html.select_one("a.stats-drill")["href"]
    assert table(day)["受理件数"] == ["2"]
    listed = admin.get(link, headers={"Accept": "application/json"}).json
    assert {f["case_no"] for f in listed["filings"]} == {a3, o1}


def complaints_row(res):
    return table(res).get("网上投诉")


def test_complaints_count_only_for_those_who_may_open_them(client, clock, filing_wsgi_app):
    """A complaint is its complainant's and the handlers' of its center: a reviewer, who may
    open none, sees no complaints figure, not even of a center granted to them."""
    from tests.functional.complaints.support import file_complaint

    setup_cases(client, clock)
    file_complaint(login(client(), "acme"), center="640100")
    add_staff(filing_wsgi_app, "center_rev", ("reviewer", "640100"))
    add_staff(filing_wsgi_app, "handler1", ("complaint_handler", "640100"))
    add_staff(filing_wsgi_app, "mixed", ("reviewer", "640100"), ("complaint_handler", "640104"))
    for username in ("center_rev", "rev"):
        staff = login(client(), username)
        for params in (JUNE, {**JUNE, "center": "640100"}):
            res = staff.get("/stats/summary", params=params)
            assert complaints_row(res) is None and received(res) != "0"
            assert "网上投诉" not in res.text  # nor in the charts' labels
            sheet = read_csv(staff.get("/stats/summary", params={**params, "format": "csv"}))
            assert not [row for row in sheet if row[0] == "网上投诉"]
    handler = login(client(), "handler1")
    assert complaints_row(handler.get("/stats/summary", params=JUNE)) == ["1"]
    # Handling 640104's complaints counts those, never 640100's where they only review.
    mixed = login(client(), "mixed")
    assert complaints_row(mixed.get("/stats/summary", params=JUNE)) == ["0"]
    res = mixed.get("/stats/summary", params={**JUNE, "center": "640100"})
    assert complaints_row(res) == ["0"] and received(res) == "4"
    assert complaints_row(login(client(), "admin1").get("/stats/summary", params=JUNE)) == ["1"]
    assert complaints_row(login(client(), "acme").get("/stats/summary", params=JUNE)) == ["1"]
