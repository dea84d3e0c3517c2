import webtest

from ningxia_portal.accounts.credit_code import is_valid
from tests.conftest import login


def test_demo_accounts_exist_with_their_roles(demo_wsgi_app, open_root):
    with open_root(demo_wsgi_app) as root:
        principals = root["principals"]
        assert "role:admin" in principals["admin"].principals()
        assert "role:editor" in principals["editor"].principals()
        enterprise = principals["enterprise"]
        assert is_valid(enterprise.credit_code) and enterprise.title == "宁夏贺兰山食品有限公司"
        grants = principals["reviewer"].principals()
        for code in ("640000", "640100"):
            for dept in root["centers"][code]:
                assert f"reviewer@{code}/{dept}" in grants
        assert not any(g.startswith("reviewer@640104") for g in grants)
        # The complaint handler: on the two centers themselves, never on a department.
        handler = principals["handler"]
        assert handler.title == "李投诉"
        assert sorted(handler.grants) == [
            ("complaint_handler", "640000"),
            ("complaint_handler", "640100"),
        ]


def test_each_demo_password_is_name_1234(demo_wsgi_app):
    for name in ("admin", "editor", "reviewer", "handler", "enterprise"):
        login(webtest.TestApp(demo_wsgi_app), name, f"{name}1234")


def test_no_demo_accounts_without_demo(wsgi_app, open_root):
    with open_root(wsgi_app) as root:
        assert len(root["principals"]) == 0
