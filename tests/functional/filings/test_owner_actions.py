"""The owner's own actions — supplement, and submit/edit a draft — are the owning
enterprise's alone, an admin's neither; the reply the enterprise reads is a reviewer's."""

from tests.functional.filings.support import (
    flash_text,
    login,
    main_text,
    pdf,
    submit_filing,
    take,
)

RETURN_COMMENT = "请一次性补正下列材料"


def returned_case(client):
    owner, url = submit_filing(client)
    staff = login(client(), "rev")
    take(staff, url, "return", comment=RETURN_COMMENT, marks={("status", 1): "insufficient"})
    return owner, staff, url


def supplement_fields(owner, url, token):
    """The owner's supplement form as posted, with a file and a comment, under ``token``."""
    form = owner.get(url + "supplement").forms["supplement"]
    form.fields["upload"][1].value = [pdf("营业执照-清晰.pdf")]
    form["comment"] = "管理员代为补正"
    return [(k, token if k == "csrf_token" else v) for k, v in form.submit_fields()]


def reply_shown(app, url):
    cell = app.get(url).html.select_one(".case-reply")
    return cell.get_text(strip=True) if cell is not None else None


def refused(res):
    return "无权访问" in main_text(res) and "您没有权限访问此页面" in main_text(res)


def test_an_admin_may_not_supplement_for_the_enterprise(client, open_root, filing_wsgi_app):
    owner, _staff, url = returned_case(client)
    admin = login(client(), "admin1")
    case = admin.get(url)
    assert "待补正材料" in main_text(case)  # the admin sees the case …
    assert "补充材料" not in case.html.select_one(".case-actions").get_text()  # … no supplement
    assert not case.html.select(f'a[href$="{url}supplement"]')
    page = admin.get(url + "supplement", status=403)
    assert refused(page) and "supplement" not in page.forms
    res = admin.post(
        url + "supplement", supplement_fields(owner, url, admin.csrf_token), status=403
    )
    assert refused(res)
    with open_root(filing_wsgi_app) as root:
        filing = root["filings"][url.split("/")[2]]
        assert filing.state == "supplement_required" and filing.supplement_round == 0
        assert [e["transition"] for e in filing.history] == ["submit", "return"]
        assert [f.filename for f in filing.current_files(1)] == ["材料2.pdf"]


def test_the_enterprise_still_supplements_and_reads_the_reviewers_reply(
    client, open_root, filing_wsgi_app
):
    owner, staff, url = returned_case(client)
    admin = login(client(), "admin1")
    admin.post(url + "supplement", supplement_fields(owner, url, admin.csrf_token), status=403)
    case = owner.get(url)
    assert "待补正材料" in main_text(case) and reply_shown(owner, url) == RETURN_COMMENT
    assert case.html.select_one(".case-actions a.btn-primary").text == "补充材料"
    form = owner.get(url + "supplement").forms["supplement"]
    form.fields["upload"][1].value = [pdf("营业执照-清晰.pdf")]
    form["comment"] = "已按要求补正营业执照"
    res = form.submit("supplement").follow()
    assert "补正材料已提交，等待审核" in flash_text(res)
    # the enterprise's own comment is no reply; the reviewer's stays the reply
    assert reply_shown(owner, url) == RETURN_COMMENT
    rows = owner.get("/filings/", headers={"Accept": "application/json"}).json["filings"]
    assert [r["reply"] for r in rows if url.endswith(r["case_no"] + "/")] == [RETURN_COMMENT]
    take(staff, url, "prereview", comment="材料齐全，请到窗口办理")
    assert reply_shown(owner, url) == "材料齐全，请到窗口办理"
    with open_root(filing_wsgi_app) as root:
        filing = root["filings"][url.split("/")[2]]
        steps = [(e["transition"], e["actor"]) for e in filing.history]
        assert steps == [
            ("submit", "acme"),
            ("return", "rev"),
            ("supplement", "acme"),
            ("prereview", "rev"),
        ]


def test_an_admin_may_not_edit_a_submitted_case(client, open_root, filing_wsgi_app):
    _owner, url = submit_filing(client)
    admin = login(client(), "admin1")
    assert refused(admin.get(url + "edit", status=403))
    with open_root(filing_wsgi_app) as root:
        assert root["filings"][url.split("/")[2]].state == "submitted"


def test_no_cache_keeps_a_case_page_nor_its_json(client):
    owner, staff, url = returned_case(client)
    for app in (owner, staff):
        page = app.get(url)
        assert RETURN_COMMENT in main_text(page)
        assert page.headers["Cache-Control"] == "private, no-store"
        data = app.get(url, headers={"Accept": "application/json"})
        assert data.json["state"] == "supplement_required"
        assert data.headers["Cache-Control"] == "private, no-store"
