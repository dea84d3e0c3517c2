"""Role × URL: every protected page so far, for every persona, allowed and refused.

Anonymous visitors are sent to log in (and come back); logged-in users without the
permission get the Chinese 403 page. Review permissions on departments have no page yet:
tests/unit/security/test_acl.py checks them on the demo tree with the same principals.
"""

import pytest
import webtest

from ningxia_portal import main
from tests.conftest import (
    DEMO_CENTERS,
    PERSONAS,
    base_settings,
    create_personas,
    login,
    persona_password,
)

EVERYONE = ("anonymous", *PERSONAS)
LOGGED_IN = tuple(PERSONAS)
ADMINS = ("admin",)
STAFF_MANAGERS = ("admin", "editor")

# url, who may see it (everyone else is refused), a text the allowed page shows
MATRIX = [
    ("/", EVERYONE, "事项分类"),
    ("/centers/640100/scjg/", EVERYONE, "银川市市场监督管理局"),
    ("/login", EVERYONE, "用户名或统一社会信用代码"),
    ("/register", EVERYONE, "统一社会信用代码"),
    ("/profile", LOGGED_IN, "资料修改"),
    ("/password", LOGGED_IN, "原密码"),
    ("/manage/", STAFF_MANAGERS, "管理"),
    ("/manage/accounts/", ADMINS, "账户管理"),
    ("/manage/accounts/add", ADMINS, "新建工作人员账户"),
    ("/manage/accounts/qiye_a/", ADMINS, "宁夏塞上粮油有限公司"),
    ("/manage/accounts/qiye_b/", ADMINS, "银川凤城商贸有限公司"),
    ("/manage/accounts/shen_scjg/", ADMINS, "银川市 · 银川市市场监督管理局"),
    ("/manage/calendar/", ADMINS, "节假日日历"),
]


@pytest.fixture(scope="module")
def clients():
    """One app for the whole matrix (the requests only read), one client per persona."""
    wsgi_app = main(
        {}, **base_settings(**{"portal.demo": "true", "portal.demo_centers": DEMO_CENTERS})
    )
    create_personas(wsgi_app)
    found = {"anonymous": webtest.TestApp(wsgi_app)}
    for name in PERSONAS:
        found[name] = webtest.TestApp(wsgi_app)
        login(found[name], PERSONAS[name]["username"], persona_password(name))
    return found


CASES = [
    (url, who, url_text, who in allowed) for url, allowed, url_text in MATRIX for who in EVERYONE
]


@pytest.mark.parametrize(("url", "who", "text", "allowed"), CASES)
def test_matrix(clients, url, who, text, allowed):
    res = clients[who].get(url, status="*")
    if allowed:
        assert res.status_int == 200, res.status
        assert text in res.text
    elif who == "anonymous":
        assert res.status_int == 302
        assert res.location.startswith("http://localhost/login?came_from=")
        assert "登录" in res.follow().html.h1.text
    else:
        assert res.status_int == 403
        assert "没有权限" in res.text or "拒绝" in res.text
        assert text not in res.html.select_one("main").text


def test_refused_json_clients_get_json(clients):
    res = clients["enterprise_a"].get(
        "/manage/accounts/", headers={"Accept": "application/json"}, status=403
    )
    assert res.json == {"error": "forbidden", "status": 403}
    res = clients["anonymous"].get("/profile", headers={"Accept": "application/json"}, status=401)
    assert res.json["error"] == "login_required"


def test_each_enterprise_sees_only_its_own_profile(clients):
    a = clients["enterprise_a"].get("/profile")
    b = clients["enterprise_b"].get("/profile")
    assert "宁夏塞上粮油有限公司" in a.html.select_one(".account-tools").text
    assert "银川凤城商贸有限公司" in b.html.select_one(".account-tools").text
    assert "银川凤城商贸有限公司" not in a.text


def test_account_management_link_only_for_admins(clients):
    for who in EVERYONE:
        nav = clients[who].get("/").html.select_one(".site-nav").text
        assert ("账户管理" in nav) is (who == "admin")


@pytest.mark.parametrize("who", EVERYONE)
def test_principals_container_is_not_browsable(clients, who):
    assert clients[who].get("/principals/qiye_a/", status="*").status_int in (302, 403, 404)
    assert "qiye_a1234" not in clients[who].get("/principals/", status="*").text
