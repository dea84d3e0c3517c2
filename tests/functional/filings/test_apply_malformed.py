"""The apply form answers a structure it never renders with 400, and files nothing."""

import pytest

from tests.functional.filings.support import ITEM_COMPLETE, login

MATERIAL = [("__start__", "upload:mapping"), ("upload", ""), ("__end__", "upload:mapping")]


@pytest.mark.parametrize(
    "materials",
    [
        [("materials", "x")],
        [("__start__", "materials:sequence"), ("upload", "x"), ("__end__", "materials:sequence")],
        [("__start__", "materials:mapping"), ("0", "x"), ("__end__", "materials:mapping")],
        [
            ("__start__", "materials:mapping"),
            ("__start__", "0:mapping"),
            ("__end__", "0:mapping"),
            ("__end__", "materials:mapping"),
        ],
        [("__start__", "materials:mapping"), ("__start__", "0:sequence"), *MATERIAL],
        [("__start__", "0:sequence"), *MATERIAL, ("__end__", "0:sequence"), ("__end__", "x:x")],
        [("__start__", "materials:bogus"), *MATERIAL, ("__end__", "materials:bogus")],
    ],
)
def test_a_malformed_structure_is_a_bad_request(client, filing_wsgi_app, open_root, materials):
    app = login(client(), "acme")
    params = [
        ("__formid__", "apply"),
        ("csrf_token", app.csrf_token),
        ("description", "申请新办食品经营许可证，经营场所位于兴庆区解放东街。"),
        ("contact", "张伟"),
        ("phone", "13995000001"),
        *materials,
        ("save", "save"),
    ]
    res = app.post(ITEM_COMPLETE + "apply", params, status=400)
    assert "表单无法读取" in res.html.select_one("main").text
    with open_root(filing_wsgi_app) as root:
        assert len(root["filings"]) == 0


def test_the_well_formed_form_still_saves_a_draft(client, filing_wsgi_app, open_root):
    app = login(client(), "acme")
    form = app.get(ITEM_COMPLETE + "apply").forms["apply"]
    form["description"] = "申请新办食品经营许可证，经营场所位于兴庆区解放东街。"
    res = form.submit("save")
    assert res.status_int == 303
    with open_root(filing_wsgi_app) as root:
        assert len(root["filings"]) == 1
