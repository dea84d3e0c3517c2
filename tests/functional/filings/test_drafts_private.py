"""A draft is the enterprise's own: admins and reviewers neither open nor list it, and a
draft among the cases never breaks the staff queue (it used to answer 500 for admins)."""

import pytest

from tests.functional.filings.support import (
    ITEM_COMPLETE,
    fill_apply,
    login,
    main_text,
    pdf,
    submit_filing,
)

JSON = {"Accept": "application/json"}
SECRET = "草稿说明只给本企业看QQ"


def save_draft(client):
    app = login(client(), "acme")
    form = app.get(ITEM_COMPLETE + "apply").forms["apply"]
    fill_apply(form, {0: pdf("草稿材料.pdf")}, description=SECRET)
    res = form.submit("save")
    assert res.status_int == 303
    return app, res.location.replace("http://localhost", "")


@pytest.mark.parametrize("state", ["all", "draft", "", "pending", "submitted"])
def test_the_admin_queue_lists_submitted_cases_and_no_draft(client, state):
    save_draft(client)
    _owner, url = submit_filing(client)
    case_no = url.strip("/").split("/")[-1]
    admin = login(client(), "admin1")
    page = admin.get("/filings/", {"state": state})
    assert SECRET not in page.text and "草稿材料" not in page.text
    listed = admin.get("/filings/", {"state": state}, headers=JSON).json
    assert all(f["state"] != "draft" for f in listed["filings"])
    if state != "draft":
        assert case_no in main_text(page)
        assert [f["case_no"] for f in listed["filings"]] == [case_no]
    else:
        assert listed["total"] == 0


def test_admins_and_reviewers_cannot_open_a_draft_or_its_files(client):
    owner, url = save_draft(client)
    file_url = owner.get(url).html.select_one("main a[href*='/file/']")["href"]
    for who in ("admin1", "rev", "centerrev"):
        staff = login(client(), who)
        for path in (url, file_url):
            res = staff.get(path, status=404)
            assert SECRET not in res.text and b"%PDF" not in res.body
        assert staff.get(url, headers=JSON, status=404).json["error"] == "not_found"
        assert staff.get("/filings/", {"q": "QQ", "state": "all"}, headers=JSON).json["total"] == 0
    # The owner still has it, files included.
    assert SECRET in main_text(owner.get(url))
    assert owner.get(file_url).body.startswith(b"%PDF")
