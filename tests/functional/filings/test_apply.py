"""Applying: the form from the materials list, submit and draft, what the database holds."""

import re
from datetime import date

from tests.functional.filings.support import (
    ITEM_COMPLETE,
    as_user,
    fill_apply,
    flash_text,
    login,
    main_text,
    pdf,
    required_uploads,
    submit_filing,
)


def test_the_form_lists_every_material_and_prefills_the_contact(client):
    app = login(client(), "acme")
    res = app.get(ITEM_COMPLETE + "apply")
    text = main_text(res)
    assert "在线申报：食品经营许可（新办）" in text
    for name in ("食品经营许可申请书 *", "营业执照 *", "授权委托书及受托人身份证件"):
        assert name in text
    form = res.forms["apply"]
    assert form["contact"].value == "张伟" and form["phone"].value == "13995000001"
    assert len(form.fields["upload"]) == 6  # one upload slot per material
    assert "暂存" in res.text and "提交" in res.text


def test_submit_gives_a_case_number_a_promised_date_and_stores_the_files(
    client, open_root, filing_wsgi_app
):
    app, url = submit_filing(client)
    assert url == "/filings/640100-20260302-000001/"
    page = app.get(url)
    text = main_text(page)
    expected = "申报已提交，办件编号 640100-20260302-000001，承诺于 2026-03-09 前办结"
    assert expected in flash_text(page)
    assert "已提交，待预审" in text and "材料1.pdf" in text
    with open_root(filing_wsgi_app) as root:
        filing = root["filings"]["640100-20260302-000001"]
        assert filing.state == "submitted" and filing.owner == "acme"
        assert filing.deadline == date(2026, 3, 9)  # Monday + 5 working days
        assert [(f.material, f.filename, f.mimetype) for f in filing.files] == [
            (i, f"材料{i + 1}.pdf", "application/pdf") for i in range(6)
        ]
        with filing.files[0].open() as f:
            assert f.read().startswith(b"%PDF-")
        assert filing.history[0]["from_state"] == "draft"
        assert filing.history[0]["to_state"] == "submitted"
        assert filing.history[0]["actor"] == "acme"
        assert len(root["filings"].uploads) == 0  # nothing left in the stash


def test_case_numbers_count_per_center_and_day(client, clock):
    assert submit_filing(client)[1].endswith("-20260302-000001/")
    assert submit_filing(client)[1].endswith("-20260302-000002/")
    clock.advance(days=1)
    assert submit_filing(client)[1] == "/filings/640100-20260303-000001/"


def several_files_params(form, extra):
    """The apply form's fields with a file for each of the first four materials and, after
    the second's, ``extra`` (more fields of that material's part)."""
    params = []
    seen_upload = 0
    for key, value in form.submit_fields():
        if key in ("save", "submit"):
            continue
        if key == "upload":
            if seen_upload < 4:
                params.append((key, pdf(f"材料{seen_upload + 1}.pdf")))
            if seen_upload == 1:
                params += extra
            seen_upload += 1
        elif key == "description":
            params.append((key, "申请说明"))
        else:
            params.append((key, value))
    params.append(("submit", "submit"))
    return params


def test_several_files_in_one_input_for_one_material(client, open_root, filing_wsgi_app):
    """``<input multiple>``: the files chosen at once are posted under one input name, and
    each becomes a file of the material (a normal multipart POST, no script)."""
    app = login(client(), "acme")
    form = app.get(ITEM_COMPLETE + "apply").forms["apply"]
    assert "multiple" in form.fields["upload"][1].attrs
    extra = [("upload", pdf("营业执照-副本.pdf")), ("upload", pdf("营业执照-第三页.pdf"))]
    params = several_files_params(form, extra)
    res = app.post(ITEM_COMPLETE + "apply", params=params, content_type="multipart/form-data")
    assert res.status_int == 303
    with open_root(filing_wsgi_app) as root:
        filing = next(iter(root["filings"].values()))
        assert [f.filename for f in filing.current_files(1)] == [
            "材料2.pdf",
            "营业执照-副本.pdf",
            "营业执照-第三页.pdf",
        ]
        assert [f.filename for f in filing.current_files(0)] == ["材料1.pdf"]


def test_several_slots_for_one_material(client, open_root, filing_wsgi_app):
    """The sequence widget's extra slots (added by JS in a browser) are posted as such."""
    app = login(client(), "acme")
    form = app.get(ITEM_COMPLETE + "apply").forms["apply"]
    extra = [
        ("__end__", "upload:sequence"),
        ("__start__", "uid:sequence"),
        ("__end__", "uid:sequence"),
        ("__end__", "upload:mapping"),
        ("__start__", "upload:mapping"),
        ("__start__", "upload:sequence"),
        ("upload", pdf("营业执照-副本.pdf")),
    ]
    params = several_files_params(form, extra)
    res = app.post(ITEM_COMPLETE + "apply", params=params, content_type="multipart/form-data")
    assert res.status_int == 303
    with open_root(filing_wsgi_app) as root:
        filing = next(iter(root["filings"].values()))
        assert [f.filename for f in filing.current_files(1)] == ["材料2.pdf", "营业执照-副本.pdf"]


def test_a_missing_required_material_brings_the_form_back(client, open_root, filing_wsgi_app):
    app = login(client(), "acme")
    form = app.get(ITEM_COMPLETE + "apply").forms["apply"]
    fill_apply(form, {0: pdf(), 1: pdf("营业执照.pdf")}, description="我的申请说明")
    res = form.submit("submit")
    assert res.status_int == 200
    text = main_text(res)
    assert "请上传“与食品经营相适应的主要设备设施、经营布局、操作流程等文件”" in text
    assert res.forms["apply"]["description"].value == "我的申请说明"
    assert "已上传： 申请书.pdf" in text and "营业执照.pdf" in text  # accepted files kept
    with open_root(filing_wsgi_app) as root:
        assert len(root["filings"]) == 0
    # Upload only what was missing: the kept files go along.
    form = res.forms["apply"]
    uploads = form.fields["upload"]
    uploads[2].value = [pdf("设备布局.pdf")]
    uploads[3].value = [pdf("规章制度.pdf")]
    res = form.submit("submit")
    assert res.status_int == 303
    with open_root(filing_wsgi_app) as root:
        filing = next(iter(root["filings"].values()))
        assert [f.filename for f in filing.files] == [
            "申请书.pdf",
            "营业执照.pdf",
            "设备布局.pdf",
            "规章制度.pdf",
        ]
        assert filing.description == "我的申请说明"


def test_text_fields_are_required_to_submit_and_the_phone_checked(client):
    app = login(client(), "acme")
    form = app.get(ITEM_COMPLETE + "apply").forms["apply"]
    fill_apply(form, required_uploads(), description="")
    form["phone"] = "12345"
    res = form.submit("submit")
    text = main_text(res)
    assert "必填" in text or "Required" not in text
    assert "请输入11位手机号码或固定电话" in text


def test_a_draft_is_saved_without_checks_and_submitted_later(client, open_root, filing_wsgi_app):
    app = login(client(), "acme")
    form = app.get(ITEM_COMPLETE + "apply").forms["apply"]
    form["description"] = "先暂存"
    form.fields["upload"][0].value = [pdf("申请书草稿.pdf")]
    res = form.submit("save")
    draft_url = res.location.replace("http://localhost", "")
    assert re.fullmatch(r"/filings/draft-[0-9a-f]{16}/", draft_url)
    page = app.get(draft_url)
    assert "申报已暂存为草稿" in flash_text(page) and "草稿" in main_text(page)
    # Reviewers never see drafts.
    login(client(), "rev").get(draft_url, status=404)
    queue = login(client(), "rev").get(
        "/filings/?state=all", headers={"Accept": "application/json"}
    )
    assert queue.json["total"] == 0

    edit = app.get(draft_url + "edit")
    form = edit.forms["apply"]
    assert form["description"].value == "先暂存"
    assert "申请书草稿.pdf" in main_text(edit)
    form["description"] = "正式申请"
    uploads = form.fields["upload"]
    for i in (1, 2, 3):
        uploads[i].value = [pdf(f"材料{i + 1}.pdf")]
    res = form.submit("submit")
    assert res.location.endswith("/filings/640100-20260302-000001/")
    app.get(draft_url, status=404)
    with open_root(filing_wsgi_app) as root:
        filing = root["filings"]["640100-20260302-000001"]
        assert filing.description == "正式申请" and len(filing.files) == 4
        assert [e["transition"] for e in filing.history] == ["submit"]
    # A submitted case is no longer editable.
    res = app.get("/filings/640100-20260302-000001/edit").follow()
    assert "该申报已提交，不能再修改" in flash_text(res)


def test_only_enterprises_may_apply(client):
    res = client().get(ITEM_COMPLETE + "apply", status=302)
    assert "/login?came_from=" in res.location
    for username in ("rev", "editor1", "admin1"):
        app = as_user(client, username)
        res = app.get(ITEM_COMPLETE + "apply", status=403)
        assert "apply" not in res.forms
        app.post(
            ITEM_COMPLETE + "apply", {"submit": "submit", "csrf_token": app.csrf_token}, status=403
        )


def test_the_item_snapshot_survives_an_edit_of_the_item(client, filing_wsgi_app):
    import transaction

    from ningxia_portal.core.root import APP_ROOT_KEY, get_database

    app, url = submit_filing(client)
    db = get_database(filing_wsgi_app.registry)
    with db.transaction() as conn:
        item = conn.root()[APP_ROOT_KEY]["centers"]["640100"]["scjg"]["xk-scjg-001"]
        item.title = "食品经营许可（新办）（已修订）"
        item.materials[0].name = "新版申请书"
    transaction.abort()
    text = main_text(app.get(url))
    assert "食品经营许可（新办）（XK-SCJG-001-640100）" in text and "新版申请书" not in text
