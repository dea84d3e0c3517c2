"""From the other side: nobody but the complainant, the handlers of the complaint's center
and admins sees a complaint — not its page, its files, its JSON, a list, a count or search.
The department complained about sees nothing of it: not its reviewers, nor the center's."""

import pytest

from tests.functional.complaints.support import SUBJECT, as_user, file_complaint, pdf
from tests.unit.filings import samples

JSON = {"Accept": "application/json"}
# Another enterprise; the reviewer of the department complained about (640100/scjg), the
# center's reviewer, another department's; a handler of another center (640000).
OUTSIDERS = ("other", "rev", "centerrev", "swrev", "quchuli")


@pytest.fixture
def complaint(client):
    """A complaint of acme about 640100/scjg with one attachment: (page url, file url)."""
    page = file_complaint(as_user(client, "acme"), files=[pdf("证据.pdf")])
    return page.request.path, page.html.select_one(".complaint-files a")["href"]


def nav(page):
    return {a.get_text(" ", strip=True) for a in page.html.select("nav a, header a")}


@pytest.mark.parametrize("user", OUTSIDERS)
def test_outsiders_get_nothing_of_the_complaint(client, complaint, user):
    url, file_url = complaint
    testapp = as_user(client, user)
    assert testapp.get(url, status=404).status_int == 404
    assert SUBJECT not in testapp.get(url, status=404).text
    res = testapp.get(url, headers=JSON, status=404)
    assert SUBJECT not in res.text
    res = testapp.get(file_url, status=404)
    assert res.body != samples.PDF
    # Nor any move, nor a rating.
    csrf = testapp.get("/").forms["header-logout"]["csrf_token"].value
    for name in ("take", "reply", "close", "rate"):
        body = {"__formid__": f"complaint-{name}", "csrf_token": csrf, "comment": "x"}
        assert testapp.post(url, body, status=404).status_int == 404
    owner_view = as_user(client, "acme").get(url, headers=JSON).json
    assert owner_view["state"] == "received" and owner_view.get("rating") is None
    # Nothing in their list (HTML or JSON), their search, their count.
    page = testapp.get("/complaints/")
    assert SUBJECT not in page.text and page.html.select(".complaint-row") == []
    data = testapp.get("/complaints/", headers=JSON).json
    assert data["total"] == 0 and data["complaints"] == []
    data = testapp.get("/complaints/", {"q": "清单外", "state": "received"}, headers=JSON).json
    assert data["total"] == 0
    assert SUBJECT not in testapp.get("/search", {"q": "清单外材料"}).text
    home = testapp.get("/")
    assert not any(t.startswith("投诉处理") and "待办" in t for t in nav(home))
    block = home.html.select_one(".my-complaints-link")
    assert block is None or block.text == "我的投诉（0）"


def test_the_complainant_handlers_and_admins_see_it(client, complaint):
    url, file_url = complaint
    for user in ("acme", "chuli", "admin1"):
        testapp = as_user(client, user)
        assert SUBJECT in testapp.get(url).text
        assert testapp.get(url, headers=JSON).json["subject"] == SUBJECT
        assert testapp.get(file_url).body == samples.PDF
        data = testapp.get("/complaints/", headers=JSON).json
        assert [c["subject"] for c in data["complaints"]] == [SUBJECT]


def test_visitors_log_in_first(client, complaint):
    url, file_url = complaint
    for target in (url, file_url, "/complaints/"):
        res = client().get(target)
        assert res.status_int in (302, 303) and "/login" in res.location
        assert SUBJECT not in res.text


def test_the_handler_sees_a_waiting_count_in_the_header(client, complaint):
    handler = as_user(client, "chuli")
    assert "投诉处理 1 件待办" in nav(handler.get("/"))
    # The handler of another center sees the link without a count.
    assert "投诉处理" in nav(as_user(client, "quchuli").get("/"))
    # The complainant: 我的投诉 in the header and on the home page, with 我要投诉.
    home = as_user(client, "acme").get("/")
    assert "我的投诉" in nav(home)
    assert home.html.select_one(".my-complaints-link").text == "我的投诉（1）"
    assert home.html.select_one(".my-complaints .complaint-new-link")["href"].endswith(
        "/complaints/new"
    )
