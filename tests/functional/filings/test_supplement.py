"""离线材料补充: a returned case lists each material's verdict; the enterprise adds or replaces
files per material and resubmits; nothing earlier is lost."""

from tests.functional.filings.support import (
    flash_text,
    login,
    main_text,
    pdf,
    submit_filing,
    take,
)


def returned_case(client):
    owner, url = submit_filing(client)
    staff = login(client(), "rev")
    marks = {
        ("status", 1): "insufficient",
        ("note", 1): "营业执照复印件模糊",
        ("status", 4): "missing",
        ("note", 4): "使用自动售货设备的须提供合格证明",
    }
    take(staff, url, "return", comment="请一次性补正下列材料", marks=marks)
    return owner, staff, url


def test_the_supplement_page_lists_each_material_with_its_verdict(client):
    owner, _staff, url = returned_case(client)
    case = owner.get(url)
    assert "待补正材料" in main_text(case)
    button = case.html.select_one(".case-actions a.btn-primary")
    assert button.text == "补充材料" and button["href"].endswith(url + "supplement")
    page = owner.get(url + "supplement")
    rows = [r.get_text(" ", strip=True) for r in page.html.select(".supplement-materials tbody tr")]
    assert rows[0].startswith("食品经营许可申请书 符合要求 材料1.pdf")
    assert rows[1].startswith("营业执照 不符合要求，需补正：营业执照复印件模糊 材料2.pdf")
    assert "缺少：使用自动售货设备的须提供合格证明" in rows[4]
    assert "请一次性补正下列材料" in main_text(page)


def test_supplementing_replaces_and_adds_files_and_keeps_the_old_ones(
    client, open_root, filing_wsgi_app
):
    owner, staff, url = returned_case(client)
    form = owner.get(url + "supplement").forms["supplement"]
    uploads = form.fields["upload"]
    uploads[1].value = [pdf("营业执照-清晰.pdf")]
    uploads[4].value = [pdf("售货设备合格证明.pdf")]
    form.set("1", True, index=0)  # replace 营业执照's earlier file
    form["comment"] = "已按要求补正"
    res = form.submit("supplement").follow()
    assert "补正材料已提交，等待审核" in flash_text(res)
    assert "已提交，待预审" in main_text(res)
    with open_root(filing_wsgi_app) as root:
        filing = root["filings"][url.split("/")[2]]
        assert filing.state == "submitted" and filing.supplement_round == 1
        licence = [(f.filename, f.round, f.replaced_in) for f in filing.files if f.material == 1]
        assert licence == [("材料2.pdf", 0, 1), ("营业执照-清晰.pdf", 1, None)]
        assert [f.filename for f in filing.current_files(4)] == [
            "材料5.pdf",
            "售货设备合格证明.pdf",
        ]
        assert [e["transition"] for e in filing.history] == ["submit", "return", "supplement"]
        assert filing.history[-1]["comment"] == "已按要求补正"
    # The replaced file is still there for the reviewer, marked as replaced.
    case = staff.get(url)
    replaced = case.html.select_one(".file-replaced")
    assert "材料2.pdf" in replaced.text and "已替换" in replaced.text
    assert staff.get(replaced.a["href"]).body.startswith(b"%PDF-")
    assert "transition-prereview" in case.forms


def test_materials_marked_missing_must_get_a_file(client, open_root, filing_wsgi_app):
    owner, _staff, url = returned_case(client)
    form = owner.get(url + "supplement").forms["supplement"]
    form.fields["upload"][1].value = [pdf("营业执照-清晰.pdf")]
    res = form.submit("supplement")
    assert res.status_int == 200
    assert "请上传“自动售货设备的产品合格证明、具体放置地点及公示方法等材料”" in main_text(res)
    assert "营业执照-清晰.pdf" in main_text(res)  # the accepted upload is kept
    with open_root(filing_wsgi_app) as root:
        assert root["filings"][url.split("/")[2]].state == "supplement_required"


def test_only_the_owner_supplements_and_only_when_asked(client):
    owner, staff, url = returned_case(client)
    staff.get(url + "supplement", status=403)  # sees the case, may not supplement it
    for app in (login(client(), "other"), login(client(), "swrev")):
        app.get(url + "supplement", status=404)  # no such case, as far as they can tell
    assert "/login" in client().get(url + "supplement", status=302).location
    form = owner.get(url + "supplement").forms["supplement"]
    form.fields["upload"][1].value = [pdf("a.pdf")]
    form.fields["upload"][4].value = [pdf("b.pdf")]
    form.submit("supplement")
    res = owner.get(url + "supplement").follow()
    assert "该办件当前不需要补充材料" in flash_text(res)


def test_a_stale_supplement_form_is_refused(client, open_root, filing_wsgi_app):
    owner, _staff, url = returned_case(client)
    first = owner.get(url + "supplement").forms["supplement"]
    second = owner.get(url + "supplement").forms["supplement"]
    for form in (first, second):
        form.fields["upload"][1].value = [pdf("a.pdf")]
        form.fields["upload"][4].value = [pdf("b.pdf")]
    first.submit("supplement", status=303)
    res = second.submit("supplement", status=303).follow()
    assert "该办件当前不需要补充材料" in flash_text(res)
    with open_root(filing_wsgi_app) as root:
        filing = root["filings"][url.split("/")[2]]
        assert [e["transition"] for e in filing.history] == ["submit", "return", "supplement"]
