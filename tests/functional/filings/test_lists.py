"""/filings/: my filings for enterprises, the work queue for reviewers; each sees only theirs."""

import pytest

from ningxia_portal.accounts.resources import KIND_STAFF
from ningxia_portal.filings.views import listing
from tests.conftest import create_user
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


def case_nos(res):
    data = res if isinstance(res, dict) else res.json
    return [f["case_no"] for f in data["filings"]]


def rows(res):
    return [a.text for a in res.html.select(".filing-row td:first-child a")]


def setup_cases(client, clock):
    """acme: two scjg cases (one pre-reviewed with a reply) and a ga case; other: one case."""
    acme, a1 = submit_filing(client, ITEM_COMPLETE)
    clock.advance(days=1)
    _, a2 = submit_filing(client, ITEM_ACCEPT)
    clock.advance(minutes=1)
    _, a3 = submit_filing(client, ITEM_PREREVIEW)
    _, o1 = submit_filing(client, ITEM_COMPLETE, username="other")
    take(login(client(), "rev"), a1, "return", comment="营业执照复印件不清晰，请重新上传")
    # Sessions expire on the moved clock: log in afresh.
    return login(client(), "acme"), [u.split("/")[2] for u in (a1, a2, a3, o1)]


def test_my_filings_shows_only_mine_with_item_department_state_and_reply(client, clock):
    acme, (a1, a2, a3, o1) = setup_cases(client, clock)
    res = acme.get("/filings/")
    assert "我的申报" in main_text(res)
    assert rows(res) == [a3, a2, a1]  # newest first
    text = main_text(res)
    assert "药品零售企业许可" in text and "银川市市场监督管理局" in text and "银川市公安局" in text
    assert "待补正材料" in text and "营业执照复印件不清晰，请重新上传" in text
    assert o1 not in res.text
    data = acme.get("/filings/", headers=JSON).json
    assert data["mode"] == "mine" and data["total"] == 3
    first = {f["case_no"]: f for f in data["filings"]}[a1]
    assert first["reply"] == "营业执照复印件不清晰，请重新上传"
    assert first["state"] == "supplement_required" and first["deadline"] == "2026-03-09"
    other = login(client(), "other")
    assert case_nos(other.get("/filings/", headers=JSON)) == [o1]


# The keyword reads each candidate's names, or (many candidates) the names' docid sets.
@pytest.mark.parametrize("few", [listing.FEW_CANDIDATES, 0], ids=["candidates", "names"])
def test_my_filings_filters(client, clock, monkeypatch, few):
    monkeypatch.setattr(listing, "FEW_CANDIDATES", few)
    acme, (a1, a2, a3, o1) = setup_cases(client, clock)
    get = lambda **q: case_nos(acme.get("/filings/", params=q, headers=JSON))  # noqa: E731
    assert get(department="640100/ga") == [a3]
    assert get(item="药品零售企业许可") == [a2]
    assert get(state="supplement_required") == [a1]
    assert get(q="旅馆") == [a3]  # a part of the item's name
    assert get(q=a2) == [a2]
    assert get(q="阿克米") == [a3, a2, a1]  # the applicant's name
    assert get(q="阿克米 旅馆") == [a3]  # every chunk, each in either name
    assert get(q="阿克米 旅馆业务") == []  # a chunk no name holds
    assert get(q="零售企") == [a2]  # any run of characters, not only two-character words
    assert get(q="银川其他商贸") == []  # another enterprise's name finds nothing of theirs
    assert get(q=o1) == []
    assert get(q="阿克米", item="药品零售企业许可") == [a2]
    rev = login(client(), "rev")
    found = case_nos(rev.get("/filings/", params={"state": "all", "q": "阿克米"}, headers=JSON))
    assert sorted(found) == sorted([a1, a2])  # the department's; a3 is another department's
    assert get(state="nonsense", page="-1") == [a3, a2, a1]
    page = acme.get("/filings/")
    options = [o.text for o in page.html.select("#f-department option")]
    assert options == ["全部部门", "银川市公安局（1）", "银川市市场监督管理局（2）"]


def test_case_numbers_are_found_by_prefix_through_the_key_index(client, clock):
    acme, (a1, a2, a3, o1) = setup_cases(client, clock)
    get = lambda **q: case_nos(acme.get("/filings/", params=q, headers=JSON))  # noqa: E731
    assert get(q=a1[:6]) == [a3, a2, a1]  # the center code: all of acme's, none of other's
    assert get(q=a2[:15]) == [a3, a2]  # the center and the day of a2 and a3
    assert get(q=a1[:-1]) == [a1]
    assert get(q=a1 + "0") == []
    assert get(q=o1[:6]) == [a3, a2, a1]
    rev = login(client(), "rev")
    found = case_nos(rev.get("/filings/", params={"state": "all", "q": o1}, headers=JSON))
    assert found == [o1]


def test_the_work_queue_of_a_department_ordered_by_deadline(client, clock):
    acme, (a1, a2, a3, o1) = setup_cases(client, clock)
    rev = login(client(), "rev")
    res = rev.get("/filings/")
    assert "待办件" in main_text(res)
    # Awaiting review by default: a1 is back with the enterprise; ga isn't this reviewer's.
    assert rows(res) == [o1, a2]
    data = rev.get("/filings/", headers=JSON).json
    assert data["mode"] == "queue"
    assert [
        (f["case_no"], f["deadline"], f["remaining_working_days"]) for f in data["filings"]
    ] == [
        (o1, "2026-03-10", 5),
        (a2, "2026-03-24", 15),
    ]
    assert "宁夏阿克米食品有限公司" in main_text(res)
    all_states = case_nos(rev.get("/filings/", params={"state": "all"}, headers=JSON))
    assert all_states == [a1, o1, a2]  # every state, by promised date
    assert case_nos(rev.get("/filings/?state=supplement_required", headers=JSON)) == [a1]
    clock.advance(days=6)  # Monday 2026-03-09 → o1 due Tuesday: within 3 working days
    rev = login(client(), "rev")
    assert case_nos(rev.get("/filings/?due=3", headers=JSON)) == [o1]
    clock.advance(days=3)  # Thursday 2026-03-12: o1 is two working days overdue
    rev = login(client(), "rev")
    assert case_nos(rev.get("/filings/?due=overdue", headers=JSON)) == [o1]
    overdue = rev.get("/filings/?due=overdue")
    assert "已超期 2 个工作日" in main_text(overdue)


def test_reviewers_see_only_their_departments(client, clock):
    acme, (a1, a2, a3, o1) = setup_cases(client, clock)
    garev = login(client(), "garev")
    assert case_nos(garev.get("/filings/?state=all", headers=JSON)) == [a3]
    swrev = login(client(), "swrev")
    assert swrev.get("/filings/?state=all", headers=JSON).json["total"] == 0
    assert case_nos(swrev.get(f"/filings/?state=all&q={a1}", headers=JSON)) == []
    for case in (a1, a2, a3):
        swrev.get(f"/filings/{case}/", status=404)
        swrev.get(f"/filings/{case}/", headers=JSON, status=404)
    center = login(client(), "centerrev")
    assert sorted(case_nos(center.get("/filings/?state=all", headers=JSON))) == sorted(
        [a1, a2, a3, o1]
    )
    editor = login(client(), "editor1")
    assert editor.get("/filings/", headers=JSON).json["total"] == 0
    assert "/login" in client().get("/filings/", status=302).location


def test_the_case_page_as_json_is_for_the_owner_and_reviewers(client, clock):
    acme, (a1, *_rest) = setup_cases(client, clock)
    data = acme.get(f"/filings/{a1}/", headers=JSON).json
    assert data["case_no"] == a1 and data["state"] == "supplement_required"
    assert [h["to"] for h in data["history"]] == ["submitted", "supplement_required"]
    assert data["materials"][0]["files"][0]["filename"] == "材料1.pdf"
    assert data["transitions"] == []
    assert login(client(), "rev").get(f"/filings/{a1}/", headers=JSON).json["transitions"] == []
    other = login(client(), "other")
    res = other.get(f"/filings/{a1}/", headers=JSON, status=404)
    assert "材料1" not in res.text


def test_the_home_page_shows_my_newest_five(client, clock):
    acme, url = submit_filing(client)
    for _ in range(5):
        clock.advance(minutes=1)
        submit_filing(client, ITEM_ACCEPT)
    home = acme.get("/")
    block = home.html.select_one(".my-filings")
    assert len(block.select("tbody tr")) == 5
    assert url.split("/")[2] not in block.text  # the oldest is left out
    assert "全部申报（6 件）" in block.text
    assert login(client(), "other").get("/").html.select_one(".my-filings tbody") is None
    assert client().get("/").html.select_one(".my-filings") is None
    staff_home = login(client(), "rev").get("/")
    assert staff_home.html.select_one(".my-filings") is None
    tool = staff_home.html.select_one(".tool-links a[href$='/filings/']")
    assert tool.text == "网上申报"  # the reviewer's way to the work queue
    assert client().get("/").html.select_one(".tool-links a[href$='/filings/']") is None


def test_the_admin_queue_reads_every_center_and_counts_departments(client, clock):
    acme, (a1, a2, a3, o1) = setup_cases(client, clock)
    admin = login(client(), "admin1")
    data = admin.get("/filings/", headers=JSON).json
    assert data["total"] == 3 and case_nos(data) == [o1, a3, a2]  # by promised date
    assert "待补正" not in [f["state_title"] for f in data["filings"]]
    everything = admin.get("/filings/", params={"state": "all"}, headers=JSON).json
    assert everything["total"] == 4 and case_nos(everything) == [a1, o1, a3, a2]
    page = admin.get("/filings/")
    options = [o.text for o in page.html.select("#f-department option")]
    assert options == ["全部部门", "银川市公安局（1）", "银川市市场监督管理局（3）"]
    ga = admin.get("/filings/", params={"department": "640100/ga"}, headers=JSON).json
    assert case_nos(ga) == [a3] and ga["total"] == 1


def test_overlapping_grants_list_each_case_once(client, clock, filing_wsgi_app):
    acme, (a1, a2, a3, o1) = setup_cases(client, clock)
    create_user(
        filing_wsgi_app,
        "both",
        kind=KIND_STAFF,
        grants=(("reviewer", "640100"), ("reviewer", "640100/scjg")),
        title="中心与市场监管窗口",
    )
    both = login(client(), "both")
    data = both.get("/filings/", params={"state": "all"}, headers=JSON).json
    assert data["total"] == 4 and sorted(case_nos(data)) == sorted([a1, a2, a3, o1])


def test_a_department_outside_the_grants_lists_nothing(client, clock):
    acme, (a1, a2, a3, o1) = setup_cases(client, clock)
    garev = login(client(), "garev")
    data = garev.get("/filings/", params={"department": "640100/scjg", "state": "all"})
    assert "没有符合条件的办件" in main_text(data) and "共 0 件" in main_text(data)
    res = garev.get("/filings/", params={"department": "640100/scjg", "state": "all"}, headers=JSON)
    assert res.json["total"] == 0 and res.json["filings"] == []
    options = [o.text for o in garev.get("/filings/").html.select("#f-department option")]
    assert options == ["全部部门", "银川市公安局（1）"]


def test_pages_of_a_long_list(client, clock):
    cases = []
    for _ in range(23):
        clock.advance(minutes=1)
        cases.append(submit_filing(client)[1].split("/")[2])
    acme = login(client(), "acme")
    first = acme.get("/filings/", headers=JSON).json
    second = acme.get("/filings/", params={"page": 2}, headers=JSON).json
    assert first["total"] == 23 and first["pages"] == 2
    assert case_nos(first) + case_nos(second) == cases[::-1]
    filtered = acme.get("/filings/", params={"page": 2, "q": "640100"}, headers=JSON).json
    assert case_nos(filtered) == cases[::-1][20:]


def test_a_row_follows_its_case_at_once(client, clock):
    """Rows are kept per version of the case: a review shows on the next list."""
    _acme, url = submit_filing(client)
    case = url.split("/")[2]
    rev = login(client(), "rev")

    def row_text(who, **params):
        page = who.get("/filings/", params={"state": "all", **params})
        return page.html.select_one(".filing-row").get_text(" ", strip=True)

    assert "已提交" in row_text(rev) and case in row_text(rev)
    take(rev, url, "return", comment="请补正场所平面图")
    assert "待补正" in row_text(rev)
    acme = login(client(), "acme")
    mine = row_text(acme)
    assert "待补正" in mine and "请补正场所平面图" in mine


def test_filter_counts_follow_new_cases(client, clock, monkeypatch):
    counted = []
    facets = listing.FilingList.facets
    monkeypatch.setattr(
        listing.FilingList, "facets", lambda self: counted.append(1) or facets(self)
    )
    acme, _url = submit_filing(client)

    def departments(who):
        return [o.text for o in who.get("/filings/").html.select("#f-department option")]

    assert departments(acme) == ["全部部门", "银川市市场监督管理局（1）"]
    assert departments(acme) == ["全部部门", "银川市市场监督管理局（1）"]  # kept
    assert len(counted) == 1  # the second page read the kept options
    submit_filing(client, ITEM_PREREVIEW)
    assert departments(acme) == ["全部部门", "银川市公安局（1）", "银川市市场监督管理局（1）"]
    rev = login(client(), "rev")
    assert departments(rev) == ["全部部门", "银川市市场监督管理局（1）"]
    submit_filing(client, ITEM_ACCEPT)
    assert departments(rev) == ["全部部门", "银川市市场监督管理局（2）"]


def test_the_words_of_cases_stay_out_of_the_public_text_index(client, filing_wsgi_app, open_root):
    from hypatia.query import Contains

    acme, url = submit_filing(client)
    case = url.split("/")[2]
    assert case_nos(acme.get("/filings/", params={"q": "阿克米"}, headers=JSON)) == [case]
    # The description is not a keyword: free text, a posting per two characters.
    assert case_nos(acme.get("/filings/", params={"q": "解放东街"}, headers=JSON)) == []
    with open_root(filing_wsgi_app) as root:
        docid = root["filings"][case].__docid__
        assert docid not in Contains(root.catalog["text"], "阿克米").execute().ids
        assert "case_text" not in root.catalog  # nor in a text index of their own
        # Nor is a case written in the indexes it has no value in.
        assert docid not in root.catalog["title"]._not_indexed
        assert docid not in root.catalog["allowed"]._not_indexed
