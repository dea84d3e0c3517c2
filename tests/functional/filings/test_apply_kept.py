"""The apply form as first shown is rendered once and kept: each enterprise still sees its
own contact, phone and session's CSRF token, and an edit of the materials shows at once."""

import pytest

from ningxia_portal.filings.views import apply
from tests.conftest import committing
from tests.functional.filings.support import (
    ITEM_COMPLETE,
    fill_apply,
    login,
    main_text,
    pdf,
    required_uploads,
)


@pytest.fixture
def renders(monkeypatch):
    """The apply forms deform builds (each schema made is one rendering or validation)."""
    made = []

    def counting(*args, **kw):
        made.append(args[0])
        return real(*args, **kw)

    real = apply.apply_schema
    monkeypatch.setattr(apply, "apply_schema", counting)
    return made


def test_each_enterprise_sees_its_own_values_in_the_kept_form(
    client, filing_wsgi_app, open_root, renders
):
    with committing(filing_wsgi_app) as root:
        acme, other = root["principals"]["acme"], root["principals"]["other"]
        acme.contact, acme.phone = '王"经理"<b>&', "13800001111"
        other.contact, other.phone = "赵会计", "0951-6666666"
    first, second = login(client(), "acme"), login(client(), "other")
    for _ in range(2):  # the second time both come from the kept rendering
        page_a = first.get(ITEM_COMPLETE + "apply")
        page_b = second.get(ITEM_COMPLETE + "apply")
        form_a, form_b = page_a.forms["apply"], page_b.forms["apply"]
        assert (form_a["contact"].value, form_a["phone"].value) == ('王"经理"<b>&', "13800001111")
        assert (form_b["contact"].value, form_b["phone"].value) == ("赵会计", "0951-6666666")
        assert "<b>&" not in page_a.text  # escaped
        assert form_a["csrf_token"].value == first.csrf_token
        assert form_b["csrf_token"].value == second.csrf_token != first.csrf_token
        assert form_a["description"].value == "" and len(form_b.fields["upload"]) == 6
        assert apply.BLANK_FORMS.prefix not in page_a.text + page_b.text
    assert len(renders) == 1  # four showings, one rendering
    # The second enterprise's form, served from the first one's rendering, submits.
    form_b["description"] = "申请新办食品经营许可证"
    for index, upload in required_uploads(6).items():
        form_b.fields["upload"][index].value = [upload]
    res = form_b.submit("submit")
    assert res.status_int == 303, main_text(res)
    with open_root(filing_wsgi_app) as root:
        (filing,) = root["filings"].values()
        assert filing.owner == "other" and filing.state == "submitted"
        assert (filing.contact, filing.phone) == ("赵会计", "0951-6666666")
        assert len(filing.files) == 6


def test_an_editors_change_of_the_materials_shows_at_once(client, filing_wsgi_app):
    applicant = login(client(), "acme")
    before = applicant.get(ITEM_COMPLETE + "apply")
    assert "冷库温度记录表" not in main_text(before)
    editor = login(client(), "editor1")
    form = editor.get(ITEM_COMPLETE + "@@edit").forms["manage-form"]
    form.set("name", "冷库温度记录表", index=0)  # the first material's name
    assert form.submit("save").status_int == 302
    res = applicant.get(ITEM_COMPLETE + "apply")
    assert "冷库温度记录表 *" in main_text(res)
    assert "食品经营许可申请书" not in main_text(res)
    # A change written without reindexing the item (a script) shows as well.
    with committing(filing_wsgi_app) as root:
        item = root["centers"]["640100"]["scjg"]["xk-scjg-001"]
        item.materials[1].required = False
    res = applicant.get(ITEM_COMPLETE + "apply")
    text = main_text(res)
    assert "营业执照 *" not in text and "营业执照" in text


def test_the_kept_form_posted_with_errors_comes_back_with_the_values(client, filing_wsgi_app):
    login(client(), "other").get(ITEM_COMPLETE + "apply")  # kept by someone else's showing
    app = login(client(), "acme")
    form = app.get(ITEM_COMPLETE + "apply").forms["apply"]
    fill_apply(form, {0: pdf()}, description="我的申请说明")
    form["phone"] = "12345"
    res = form.submit("submit")
    assert res.status_int == 200
    again = res.forms["apply"]
    assert again["description"].value == "我的申请说明" and again["phone"].value == "12345"
    assert again["csrf_token"].value == app.csrf_token
    assert "已上传： 申请书.pdf" in main_text(res)
