"""A case whose cataloguing fails never keeps the next submissions out of the lists; an admin
sees it set aside at /manage/indexing/ with its error, and re-queues it."""

import pytest

from ningxia_portal.indexing import indexer
from ningxia_portal.indexing.queue import MAX_FAILURES
from tests.functional.filings.support import flash_text, login, main_text, submit_filing

FIRST = "640100-20260302-000001"
ERROR = "磁盘写满：无法写入索引"


@pytest.fixture
def broken(monkeypatch):
    """Cataloguing the first case raises (as a bug in one of its values would)."""
    real = indexer.index_tree

    def index_tree(obj, root, docids=None):
        if getattr(obj, "case_no", None) == FIRST:
            raise OSError(ERROR)
        return real(obj, root, docids=docids)

    monkeypatch.setattr(indexer, "index_tree", index_tree)
    return monkeypatch


def case_numbers(app):
    text = main_text(app.get("/filings/"))
    return [n for n in (f"640100-20260302-{i:06d}" for i in range(1, 5)) if n in text]


def test_a_failing_case_does_not_keep_the_next_submissions_out_of_the_lists(client, broken):
    app, first = submit_filing(client)
    assert first == f"/filings/{FIRST}/"
    submit_filing(client)
    submit_filing(client)
    assert case_numbers(app) == ["640100-20260302-000002", "640100-20260302-000003"]
    reviewer = login(client(), "rev")
    assert case_numbers(reviewer) == ["640100-20260302-000002", "640100-20260302-000003"]
    assert FIRST in main_text(app.get(first))  # the case itself is stored and shown


def set_aside_first_case(client):
    """Submit cases until the first has failed MAX_FAILURES drains (one per submission)."""
    app, _ = submit_filing(client)
    for _ in range(MAX_FAILURES - 1):
        submit_filing(client)
    return app


def test_an_admin_sees_the_set_aside_case_and_re_queues_it(
    client, broken, open_root, filing_wsgi_app
):
    enterprise = set_aside_first_case(client)
    admin = login(client(), "admin1")
    page = admin.get("/manage/indexing/")
    (row,) = page.html.select(".set-aside-table tbody tr")
    cells = [td.get_text(" ", strip=True) for td in row.select("td")]
    assert cells[0] == "Filing"
    assert cells[1] == FIRST and row.select_one("a")["href"] == f"http://localhost/filings/{FIRST}/"
    assert cells[2] == f"OSError ：{ERROR}"
    assert cells[3] == cells[4] == "2026-03-02 09:00"  # the frozen clock, China time
    assert cells[5] == str(MAX_FAILURES)
    assert "没有等待编入索引的文档" in main_text(page)
    assert FIRST not in main_text(enterprise.get("/filings/"))

    broken.undo()  # the cause is fixed
    res = page.forms["requeue-all"].submit("requeue")
    assert res.status_int == 303
    page = res.follow()
    assert "已将 1 个文档重新排入索引队列" in flash_text(page)
    assert "没有被搁置的文档" in main_text(page)
    assert FIRST in main_text(enterprise.get("/filings/"))  # catalogued before the answer
    with open_root(filing_wsgi_app) as root:
        queue = root.index_queue
        assert len(queue.set_aside) == 0 and queue.pending == ()


def test_one_set_aside_case_is_re_queued_by_its_own_button(client, broken):
    set_aside_first_case(client)
    admin = login(client(), "admin1")
    page = admin.get("/manage/indexing/")
    (name,) = [n for n in page.forms if str(n).startswith("requeue-") and n != "requeue-all"]
    broken.undo()
    page = page.forms[name].submit("requeue").follow()
    assert "已将 1 个文档重新排入索引队列" in flash_text(page)
    reviewer = login(client(), "rev")
    assert FIRST in main_text(reviewer.get("/filings/"))


def test_a_re_queue_of_what_is_not_set_aside_says_so_and_changes_nothing(client, broken):
    set_aside_first_case(client)
    admin = login(client(), "admin1")
    page = admin.get("/manage/indexing/")
    form = page.forms["requeue-all"]
    form["document"] = "12345"  # not a set-aside document
    page = form.submit("requeue")
    assert page.status_int == 200
    assert "该文档已不在搁置列表中" in main_text(page)
    form = page.forms["requeue-all"]
    form["document"] = "abc"
    page = form.submit("requeue")
    assert page.status_int == 200
    assert "表单无效，未重新排队任何文档" in main_text(page)
    assert len(page.html.select(".set-aside-table tbody tr")) == 1  # still set aside


def test_the_empty_page_says_nothing_waits_and_nothing_is_set_aside(client):
    page = login(client(), "admin1").get("/manage/indexing/")
    assert page.html.h1.text == "索引队列"
    text = main_text(page)
    assert "没有等待编入索引的文档" in text and "没有被搁置的文档" in text
    assert "requeue-all" not in page.forms


@pytest.mark.parametrize("username", ["acme", "rev", "editor1"])
def test_others_get_the_refusal_of_any_admin_page(client, username):
    app = login(client(), username)
    res = app.get("/manage/indexing/", status=403)
    assert "没有权限" in res.text or "拒绝" in res.text
    res = app.post(
        "/manage/indexing/requeue", {"csrf_token": app.csrf_token, "document": ""}, status=403
    )
    assert "索引队列" not in res.html.select_one("main").text


def test_anonymous_visitors_are_sent_to_log_in(client):
    res = client().get("/manage/indexing/", status=302)
    assert res.location.startswith("http://localhost/login?came_from=")
