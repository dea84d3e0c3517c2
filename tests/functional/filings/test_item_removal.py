"""An item (or its department) that a real case was filed for can't be removed by an editor."""

from tests.functional.filings.support import (
    ITEM_COMPLETE,
    as_user,
    fill_apply,
    login,
    main_text,
    required_uploads,
    submit_filing,
)

DEPARTMENT = "/centers/640100/scjg/"


def test_an_item_with_a_case_is_not_removed_through_the_management_form(
    client, open_root, filing_wsgi_app
):
    submit_filing(client)
    editor = login(client(), "editor1")
    page = editor.get(ITEM_COMPLETE).click(description="删除事项")
    assert "不能删除：已有 1 件办件与之关联" in page.html.select_one(".refusal").text
    assert not page.html.select("form.confirm-delete")
    # A POST made without the (absent) form is refused all the same.
    res = editor.post(
        ITEM_COMPLETE + "@@delete", params={"csrf_token": editor.csrf_token, "confirm": "yes"}
    )
    assert "不能删除" in main_text(res)
    assert "食品经营许可（新办）" in main_text(editor.get(ITEM_COMPLETE))
    with open_root(filing_wsgi_app) as root:
        assert "xk-scjg-001" in root["centers"]["640100"]["scjg"]


def test_the_department_of_that_item_is_not_removed_either(client, open_root, filing_wsgi_app):
    submit_filing(client)
    editor = login(client(), "editor1")
    page = editor.get(DEPARTMENT).click(description="删除部门")
    assert "不能删除：已有 1 件办件与之关联" in page.html.select_one(".refusal").text
    res = editor.post(
        DEPARTMENT + "@@delete", params={"csrf_token": editor.csrf_token, "confirm": "yes"}
    )
    assert "不能删除" in main_text(res)
    with open_root(filing_wsgi_app) as root:
        assert "scjg" in root["centers"]["640100"]


def test_another_item_of_the_department_can_still_go(client, open_root, filing_wsgi_app):
    submit_filing(client)
    editor = login(client(), "editor1")
    page = editor.get(DEPARTMENT + "xk-scjg-008/").click(description="删除事项")
    assert not page.html.select(".refusal")
    page.forms["confirm-delete"].submit().follow()
    with open_root(filing_wsgi_app) as root:
        assert "xk-scjg-008" not in root["centers"]["640100"]["scjg"]
        assert "xk-scjg-001" in root["centers"]["640100"]["scjg"]


def save_draft(client, item=ITEM_COMPLETE, username="acme"):
    app = as_user(client, username)
    form = app.get(item + "apply").forms["apply"]
    fill_apply(form, required_uploads(len(form.fields["upload"])))
    assert form.submit("save").status_int == 303  # saved, not submitted
    return app


def test_a_draft_holds_the_item_without_showing_how_many(client, open_root, filing_wsgi_app):
    """A draft is its enterprise's alone: the editor learns that drafts hold the item, not
    how many, and a new draft changes nothing the editor sees."""
    save_draft(client)
    editor = login(client(), "editor1")
    page = editor.get(ITEM_COMPLETE + "@@delete")
    refusal = page.html.select_one(".refusal").get_text(" ", strip=True)
    assert "暂不能删除：有申请人保存了该事项的草稿" in refusal
    assert not any(ch.isdigit() for ch in refusal)
    assert not page.html.select("form.confirm-delete")
    res = editor.post(
        ITEM_COMPLETE + "@@delete", params={"csrf_token": editor.csrf_token, "confirm": "yes"}
    )
    assert "暂不能删除" in main_text(res)
    save_draft(client, username="acme")
    assert editor.get(ITEM_COMPLETE + "@@delete").text == page.text
    with open_root(filing_wsgi_app) as root:
        assert "xk-scjg-001" in root["centers"]["640100"]["scjg"]


def test_the_count_leaves_drafts_out(client, filing_wsgi_app):
    save_draft(client)
    submit_filing(client)
    save_draft(client)
    editor = login(client(), "editor1")
    for path in (ITEM_COMPLETE, DEPARTMENT, "/centers/640100/"):
        refusal = editor.get(path + "@@delete").html.select_one(".refusal").text
        assert "不能删除：已有 1 件办件与之关联" in refusal, path
