"""/filings/supplements (离线材料补充): an enterprise's cases with 是否补充材料, filtered by
申报人, 申报事项 and 办理状态, paginated, in HTML and JSON; staff are sent to their queue."""

import pytest

from ningxia_portal.filings.views import listing
from tests.conftest import committing
from tests.functional.filings.support import (
    ITEM_ACCEPT,
    ITEM_COMPLETE,
    ITEM_PREREVIEW,
    login,
    main_text,
    submit_filing,
    take,
)

JSON = {"Accept": "application/json"}
PAGE = "/filings/supplements"


def case_nos(res):
    return [f["case_no"] for f in res.json["filings"]]


def rows(res):
    """(case number, 是否补充材料) of each row."""
    return [
        (
            tr.select_one("td:first-child a").text,
            tr.select_one(".supplement-needed").get_text(strip=True),
        )
        for tr in res.html.select(".supplement-list .filing-row")
    ]


def setup_cases(client, clock):
    """acme: a1 returned for supplement, a2, a3 (the last filed under a new name); other: o1."""
    _, a1 = submit_filing(client, ITEM_COMPLETE)
    clock.advance(days=1)
    _, a2 = submit_filing(client, ITEM_ACCEPT)
    clock.advance(minutes=1)
    with committing(client().app) as root:
        root["principals"]["acme"].title = "宁夏阿克米新材料有限公司"
    _, a3 = submit_filing(client, ITEM_PREREVIEW)
    _, o1 = submit_filing(client, ITEM_COMPLETE, username="other")
    take(login(client(), "rev"), a1, "return", comment="营业执照复印件不清晰，请重新上传")
    return login(client(), "acme"), [u.split("/")[2] for u in (a1, a2, a3, o1)]


def test_rows_say_which_cases_need_a_supplement_and_lead_to_its_form(client, clock):
    acme, (a1, a2, a3, o1) = setup_cases(client, clock)
    res = acme.get(PAGE)
    assert "离线材料补充" in res.html.select_one("h1").text
    headers = [th.text for th in res.html.select(".supplement-list th")]
    assert headers == [
        "办件编号",
        "申报事项",
        "申报人",
        "部门",
        "提交时间",
        "办理状态",
        "是否补充材料",
    ]
    assert rows(res) == [(a3, "无需补充"), (a2, "无需补充"), (a1, "需补充")]  # newest first
    assert "宁夏阿克米新材料有限公司" in main_text(res) and "待补正材料" in main_text(res)
    assert o1 not in res.text  # another enterprise's case never shows
    link = res.html.select_one(".supplement-needed a")["href"]
    assert link.endswith(f"/filings/{a1}/supplement")
    form = acme.get(link).forms["supplement"]
    assert "upload" in form.fields
    # The navigation leads enterprises here; staff don't get the link.
    nav = [a["href"] for a in res.html.select("header a")]
    assert any(h.endswith(PAGE) for h in nav)
    staff_page = login(client(), "rev").get("/filings/")
    assert not [a for a in staff_page.html.select("header a") if a["href"].endswith(PAGE)]


def test_json_says_the_same(client, clock):
    acme, (a1, a2, a3, o1) = setup_cases(client, clock)
    data = acme.get(PAGE, headers=JSON).json
    assert data["mode"] == "mine" and data["total"] == 3
    found = {f["case_no"]: f for f in data["filings"]}
    assert sorted(found) == sorted([a1, a2, a3])
    assert found[a1]["needs_supplement"] is True
    assert found[a1]["supplement_url"].endswith(f"/filings/{a1}/supplement")
    assert found[a2]["needs_supplement"] is False and found[a2]["supplement_url"] is None
    assert found[a3]["applicant"] == "宁夏阿克米新材料有限公司"
    other = login(client(), "other").get(PAGE, headers=JSON).json
    assert [f["case_no"] for f in other["filings"]] == [o1]


# The names are read per candidate, or (many candidates) through the names' docid sets.
@pytest.mark.parametrize("few", [listing.FEW_CANDIDATES, 0], ids=["candidates", "names"])
def test_filters(client, clock, monkeypatch, few):
    monkeypatch.setattr(listing, "FEW_CANDIDATES", few)
    acme, (a1, a2, a3, o1) = setup_cases(client, clock)
    get = lambda **q: case_nos(acme.get(PAGE, params=q, headers=JSON))  # noqa: E731
    assert get(state="supplement_required") == [a1]
    assert get(state="submitted") == [a3, a2]
    assert get(state="nonsense") == [a3, a2, a1]  # an unknown state filters nothing
    assert get(item="旅馆") == [a3]  # any part of the item's name
    assert get(item="食品经营") == [a1]
    assert get(applicant="新材料") == [a3]  # the name as the case was filed
    assert get(applicant="阿克米") == [a3, a2, a1]
    assert get(applicant="银川其他商贸") == []  # another enterprise's name finds nothing
    assert get(applicant="阿克米", item="许可", state="supplement_required") == [a1]
    assert get(item="旅馆 食品") == []  # every chunk typed
    res = acme.get(PAGE, params={"applicant": "阿克米", "state": "supplement_required"})
    assert rows(res) == [(a1, "需补充")]
    assert res.html.select_one("#s-applicant")["value"] == "阿克米"  # the filters kept
    assert res.html.select_one("#s-state option[selected]")["value"] == "supplement_required"
    empty = acme.get(PAGE, params={"item": "不存在的事项"})
    assert "没有符合条件的办件" in main_text(empty)


def test_pages_keep_the_filters(client, clock, monkeypatch):
    acme, (a1, a2, a3, o1) = setup_cases(client, clock)
    for module in ("ningxia_portal.web.listing", "ningxia_portal.filings.views.listing"):
        monkeypatch.setattr(f"{module}.PAGE_SIZE", 2)
    first = acme.get(PAGE, params={"applicant": "阿克米"})
    assert [no for no, _ in rows(first)] == [a3, a2]
    next_url = first.html.select_one("a[rel=next]")["href"]
    assert "applicant=" in next_url and "page=2" in next_url
    second = acme.get(next_url)
    assert rows(second) == [(a1, "需补充")]
    assert acme.get(PAGE, params={"page": 2}, headers=JSON).json["pages"] == 2


def test_staff_are_sent_to_their_queue_and_visitors_to_log_in(client, clock):
    acme, (a1, *_rest) = setup_cases(client, clock)
    for name in ("rev", "admin1"):
        res = login(client(), name).get(PAGE, status=303)
        assert res.location.endswith("/filings/?state=supplement_required")
        assert a1 in res.follow().text
    assert "/login" in client().get(PAGE, status=302).location
