"""The review workflow through the case page: journeys per depth, roles, comments, races."""

import pytest

from tests.functional.filings.support import (
    ITEM_ACCEPT,
    ITEM_COMPLETE,
    ITEM_PREREVIEW,
    as_user,
    flash_text,
    login,
    main_text,
    submit_filing,
    take,
)

FORMS = ("transition-prereview", "transition-return", "transition-reject")


def transitions_shown(page):
    return sorted(k for k in page.forms if isinstance(k, str) and k.startswith("transition-"))


@pytest.mark.parametrize(
    ("item", "reviewer", "path", "final"),
    [
        (ITEM_PREREVIEW, "garev", ["prereview"], "预审通过"),
        (ITEM_ACCEPT, "rev", ["prereview", "accept"], "已受理"),
        (ITEM_COMPLETE, "rev", ["prereview", "accept", "complete"], "已办结"),
        (ITEM_COMPLETE, "centerrev", ["prereview", "accept", "refuse"], "不予许可"),
    ],
)
def test_each_depth_runs_its_full_journey(
    client, open_root, filing_wsgi_app, item, reviewer, path, final
):
    owner, url = submit_filing(client, item)
    staff = login(client(), reviewer)
    for name in path:
        res = take(
            staff, url, name, comment="经审查，材料齐全。" if name != "refuse" else "不符合条件"
        )
        page = res.follow()
        assert "操作成功" in flash_text(page)
    page = staff.get(url)
    assert final in main_text(page)
    assert transitions_shown(page) == []  # the item's depth ends the flow here
    assert final in main_text(owner.get(url))
    with open_root(filing_wsgi_app) as root:
        filing = root["filings"][url.split("/")[2]]
        steps = [(e["transition"], e["actor"]) for e in filing.history]
        assert steps == [("submit", "acme")] + [(name, reviewer) for name in path]
        assert filing.finished is not None


def test_a_prereview_item_offers_no_acceptance(client):
    _, url = submit_filing(client, ITEM_PREREVIEW)
    staff = login(client(), "garev")
    take(staff, url, "prereview")
    page = staff.get(url)
    assert "transition-accept" not in page.forms
    res = staff.post(
        url,
        {
            "__formid__": "transition-accept",
            "csrf_token": staff.csrf_token,
            "revision": "2",
            "comment": "",
        },
        status=409,
    )
    assert "该办件当前状态下不能进行此操作" in main_text(res)


HALL = "本事项网上办理到此为止，后续请到政务服务大厅办理"


@pytest.mark.parametrize(
    ("item", "reviewer", "path"),
    [(ITEM_PREREVIEW, "garev", ["prereview"]), (ITEM_ACCEPT, "rev", ["prereview", "accept"])],
)
def test_where_the_depth_ends_the_case_page_says_to_go_to_the_hall(client, item, reviewer, path):
    """The enterprise must learn that the rest happens at the service hall, not only a
    reviewer who tries a transition the page no longer offers."""
    owner, url = submit_filing(client, item)
    staff = login(client(), reviewer)
    for name in path[:-1]:
        take(staff, url, name)
    assert HALL not in main_text(owner.get(url))  # the case still moves online
    take(staff, url, path[-1])
    for app in (owner, staff):
        assert HALL in main_text(app.get(url))


def test_a_case_done_online_sends_nobody_to_the_hall(client):
    owner, url = submit_filing(client, ITEM_COMPLETE)
    staff = login(client(), "rev")
    for name in ("prereview", "accept", "complete"):
        take(staff, url, name)
    assert HALL not in main_text(owner.get(url))


ROLES_REFUSED = ("acme", "other", "swrev", "garev", "editor1", None)


def test_transitions_are_shown_and_allowed_only_to_the_departments_reviewers(
    client, open_root, filing_wsgi_app
):
    _, url = submit_filing(client)
    for reviewer in ("rev", "centerrev", "admin1"):
        assert transitions_shown(login(client(), reviewer).get(url)) == sorted(FORMS)
    assert transitions_shown(login(client(), "acme").get(url)) == []
    for username in ("other", "swrev", "garev", "editor1"):
        app = login(client(), username)
        app.get(url, status=404)
        for name in ("prereview", "return", "reject"):
            app.post(
                url,
                {
                    "__formid__": f"transition-{name}",
                    "csrf_token": app.csrf_token,
                    "revision": "1",
                    "comment": "理由",
                },
                status=404,
            )
    owner = login(client(), "acme")
    res = owner.post(
        url,
        {
            "__formid__": "transition-prereview",
            "csrf_token": owner.csrf_token,
            "revision": "1",
            "comment": "",
        },
        status=409,
    )
    assert "该办件当前状态下不能进行此操作" in main_text(res)
    anonymous = as_user(client, None).get(url, status=302)
    assert "/login" in anonymous.location
    with open_root(filing_wsgi_app) as root:
        filing = root["filings"][url.split("/")[2]]
        assert filing.state == "submitted" and len(filing.history) == 1


@pytest.mark.parametrize("name", ["return", "reject"])
def test_returning_or_rejecting_needs_a_reason(client, open_root, filing_wsgi_app, name):
    _, url = submit_filing(client)
    staff = login(client(), "rev")
    res = take(staff, url, name, comment="", status=200)
    assert "必填" in main_text(res) or "Required" in main_text(res)
    with open_root(filing_wsgi_app) as root:
        assert root["filings"][url.split("/")[2]].state == "submitted"


def test_refusing_needs_a_reason_and_states_the_right_to_appeal(client):
    owner, url = submit_filing(client)
    staff = login(client(), "rev")
    take(staff, url, "prereview")
    take(staff, url, "accept")
    res = take(staff, url, "refuse", comment="", status=200)
    assert "不予许可" in main_text(res) and "已受理" in main_text(res)
    take(staff, url, "refuse", comment="经营场所与食品经营项目不相适应")
    notice = owner.get(url + "notices/refusal")
    text = main_text(notice)
    assert "不予许可通知书" in text and "经营场所与食品经营项目不相适应" in text
    assert "行政复议" in text and "行政诉讼" in text


def test_a_stale_form_is_refused_with_a_clear_message(client, open_root, filing_wsgi_app):
    _, url = submit_filing(client)
    first, second = login(client(), "rev"), login(client(), "centerrev")
    page_a, page_b = first.get(url), second.get(url)
    page_a.forms["transition-prereview"].submit("prereview", status=303)
    form = page_b.forms["transition-return"]
    form["comment"] = "营业执照不清晰"
    res = form.submit("return", status=409)
    assert "该办件刚刚被他人处理或修改，请查看最新状态后再操作" in main_text(res)
    assert "预审通过" in main_text(res)
    with open_root(filing_wsgi_app) as root:
        filing = root["filings"][url.split("/")[2]]
        assert [e["transition"] for e in filing.history] == ["submit", "prereview"]


def test_downloads_check_permission_and_are_attachments(client):
    owner, url = submit_filing(client)
    link = owner.get(url).html.select_one(".case-files a")["href"].replace("http://localhost", "")
    assert link == url + "file/1/%E6%9D%90%E6%96%991.pdf"
    for app in (owner, login(client(), "rev"), login(client(), "centerrev")):
        res = app.get(link)
        assert res.body.startswith(b"%PDF-") and res.content_type == "application/pdf"
        assert res.headers["Content-Disposition"] == (
            "attachment; filename=\"__1.pdf\"; filename*=UTF-8''%E6%9D%90%E6%96%991.pdf"
        )
        assert res.headers["X-Content-Type-Options"] == "nosniff"
    for username in ("other", "swrev", "editor1"):
        login(client(), username).get(link, status=404)
    assert "/login" in client().get(link, status=302).location
    owner.get(url + "file/99/x.pdf", status=404)


def test_notices_follow_the_state_and_only_owner_and_reviewers_print_them(client):
    owner, url = submit_filing(client)
    staff = login(client(), "rev")
    owner.get(url + "notices/acceptance", status=404)
    take(staff, url, "return", comment="请补充营业执照")
    res = owner.get(url + "notices/supplement")
    assert "一次性告知通知书" in main_text(res) and "请补充营业执照" in main_text(res)
    owner.get(url + "notices/completion", status=404)
    for username in ("other", "swrev", "editor1"):
        login(client(), username).get(url + "notices/supplement", status=404)
    assert "/login" in client().get(url + "notices/supplement", status=302).location
    assert staff.get(url + "notices/supplement").status_int == 200
    owner.get(url + "notices/nonsense", status=404)
