"""Account management at /manage/accounts/ (admins), through the real deform forms."""

import webtest

from tests.conftest import PERSONAS, create_user, login

REVIEWER = PERSONAS["reviewer"]["username"]


def test_list_is_paginated_from_the_btree(admin_app, demo_wsgi_app):
    for n in range(25):
        create_user(demo_wsgi_app, f"batch{n:02d}", title=f"企业{n}")
    page = admin_app.get("/manage/accounts/")
    rows = page.html.select(".account-table tbody tr")
    assert len(rows) == 20
    assert "共 36 个账户" in page.text  # 25 + 5 demo accounts + 6 personas
    second = page.click(description="下一页")
    assert len(second.html.select(".account-table tbody tr")) == 16


def test_search_by_username_or_credit_code_prefix(admin_app):
    form = admin_app.get("/manage/accounts/").forms["search"]
    form["q"] = "qiye"
    res = form.submit("search")
    names = [a.text for a in res.html.select(".account-table tbody td:first-child a")]
    assert names == ["qiye_a", "qiye_b"]
    assert res.forms["search"]["q"].value == "qiye"
    form = res.forms["search"]
    form["q"] = "91640104ma76ab0c8"
    res = form.submit("search")
    assert [a.text for a in res.html.select(".account-table tbody td:first-child a")] == [
        "enterprise"
    ]


def test_search_keeps_the_query_across_pages(admin_app, demo_wsgi_app):
    for n in range(22):
        create_user(demo_wsgi_app, f"zz{n:02d}")
    res = admin_app.get("/manage/accounts/?q=zz")
    nxt = res.html.select_one(".pager a[rel=next]")["href"]
    assert "q=zz" in nxt and "page=2" in nxt
    assert len(admin_app.get("/manage/accounts/" + nxt).html.select(".account-table tbody tr")) == 2


def test_create_a_staff_account_then_it_can_log_in(admin_app, demo_wsgi_app, open_root):
    form = (
        admin_app.get("/manage/accounts/").click(description="新建工作人员账户").forms["add-staff"]
    )
    form["username"] = "newstaff"
    form["title"] = "新员工"
    form["password"] = form["password-confirm"] = "staff1234"
    form["phone"] = "13900000000"
    page = form.submit("submit").follow()
    assert page.request.path == "/manage/accounts/newstaff/"
    assert "账户 newstaff 已创建" in page.text
    with open_root(demo_wsgi_app) as root:
        user = root["principals"]["newstaff"]
        assert user.kind == "staff" and user.principals() == ["user:newstaff"]
    login(webtest.TestApp(demo_wsgi_app), "newstaff", "staff1234")


def test_create_staff_refuses_bad_input_and_keeps_values(admin_app):
    form = admin_app.get("/manage/accounts/add").forms["add-staff"]
    form["username"] = "qiye_a"  # taken
    form["title"] = "新员工"
    form["password"] = form["password-confirm"] = "short"
    res = form.submit("submit")
    assert "该用户名已被使用" in res.text and "密码长度须为 6 至 20 位" in res.text
    assert res.forms["add-staff"]["title"].value == "新员工"


def grant(admin_app, username, role, scope):
    form = admin_app.get(f"/manage/accounts/{username}/").forms["grant"]
    form["role"] = role
    form["scope"] = scope
    return form.submit("submit")


def test_scope_select_offers_the_tree(admin_app):
    form = admin_app.get(f"/manage/accounts/{REVIEWER}/").forms["grant"]
    options = [value for value, _sel, _text in form["scope"].options]
    assert "" in options and "640100" in options and "640100/scjg" in options
    assert "640104/sw" in options


def test_grant_reviewer_on_a_department_gives_the_principal(admin_app, demo_wsgi_app, open_root):
    page = grant(admin_app, "shen_sw", "reviewer", "640100/scjg").follow()
    assert "已授予：审核人员（窗口人员）：银川市 · 银川市市场监督管理局" in page.text
    assert "银川市 · 银川市市场监督管理局" in page.html.select_one(".holdings").text
    with open_root(demo_wsgi_app) as root:
        assert "reviewer@640100/scjg" in root["principals"]["shen_sw"].principals()


def test_grant_editor_on_a_center_and_portal(admin_app, demo_wsgi_app, open_root):
    grant(admin_app, "shen_sw", "editor", "640100").follow()
    grant(admin_app, "shen_sw", "editor", "").follow()
    with open_root(demo_wsgi_app) as root:
        principals = root["principals"]["shen_sw"].principals()
        assert "editor@640100" in principals and "role:editor" in principals


def test_grant_rules_are_enforced(admin_app, demo_wsgi_app, open_root):
    res = grant(admin_app, "shen_sw", "editor", "640100/scjg")
    assert res.status_int == 200 and "编辑角色只能授予在整个平台或某个服务中心上" in res.text
    res = grant(admin_app, "shen_sw", "reviewer", "")
    assert "审核人员角色只能授予在某个服务中心或部门上" in res.text
    res = grant(admin_app, "shen_sw", "admin", "640100")
    assert "管理员角色只能授予在整个平台上" in res.text
    assert "grant" not in admin_app.get("/manage/accounts/qiye_a/").forms
    form = admin_app.get("/manage/accounts/shen_sw/").forms["grant"]
    form.action = "/manage/accounts/qiye_a/grant"  # posted by hand all the same
    form["role"], form["scope"] = "reviewer", "640100"
    assert "只能为工作人员账户授予角色" in form.submit("submit").text
    with open_root(demo_wsgi_app) as root:
        assert root["principals"]["shen_sw"].grants == (("reviewer", "640104/sw"),)
        assert root["principals"]["qiye_a"].grants == ()


def test_revoke_a_role(admin_app, demo_wsgi_app, open_root):
    form = admin_app.get(f"/manage/accounts/{REVIEWER}/").forms["revoke"]
    form["holding"] = "reviewer|640100/scjg"
    page = form.submit("submit").follow()
    assert "已撤销" in page.text and "尚无角色" in page.text
    with open_root(demo_wsgi_app) as root:
        assert root["principals"][REVIEWER].grants == ()


def test_admin_cannot_revoke_own_admin_role_or_disable_self(admin_app, demo_wsgi_app, open_root):
    page = admin_app.get("/manage/accounts/guanli/")
    form = page.forms["revoke"]
    form["holding"] = "admin|"
    assert "不能撤销自己的管理员角色" in form.submit("submit").text
    assert "不能停用自己的账户" in page.forms["status"].submit("disable").text
    with open_root(demo_wsgi_app) as root:
        assert root["principals"]["guanli"].active


def test_disable_ends_sessions_and_refuses_login_then_enable(
    admin_app, enterprise_a_app, demo_wsgi_app
):
    assert enterprise_a_app.get("/profile").status_int == 200
    page = admin_app.get("/manage/accounts/qiye_a/").forms["status"].submit("disable").follow()
    assert "账户已停用" in page.text and "已停用" in page.html.select_one(".account-status").text
    assert enterprise_a_app.get("/profile").status_int == 302  # its session stopped working
    fresh = webtest.TestApp(demo_wsgi_app)
    form = fresh.get("/login").forms["login"]
    form["login"], form["password"] = "qiye_a", "qiye_a1234"
    assert "用户名或密码错误，或账户已停用" in form.submit("submit").text
    admin_app.get("/manage/accounts/qiye_a/").forms["status"].submit("enable").follow()
    login(fresh, "qiye_a", "qiye_a1234")


def test_unknown_account_is_404(admin_app):
    assert "页面不存在" in admin_app.get("/manage/accounts/nobody/", status=404).text


def test_manage_index_lists_accounts_for_admins_only(admin_app, editor_app):
    links = [a.text for a in admin_app.get("/manage/").html.select(".manage-sections a")]
    # The calendar's, the index queue's, the audit log's and the appointment slots' sections:
    # admins; the catalogue's: editors too.
    assert links == ["账户", "预约时段", "审计日志", "节假日日历", "事项目录", "索引队列"]
    links = [a.text for a in editor_app.get("/manage/").html.select(".manage-sections a")]
    assert links == ["事项目录"]


def test_complaint_handlers_are_granted_on_a_center_only(admin_app, demo_wsgi_app, open_root):
    res = grant(admin_app, "shen_sw", "complaint_handler", "640100/scjg")
    assert res.status_int == 200 and "投诉处理人员只能授予在某个服务中心上" in res.text
    res = grant(admin_app, "shen_sw", "complaint_handler", "")
    assert "投诉处理人员只能授予在某个服务中心上" in res.text
    page = grant(admin_app, "shen_sw", "complaint_handler", "640100").follow()
    assert "已授予：投诉处理人员：银川市（整个中心）" in page.text
    with open_root(demo_wsgi_app) as root:
        principals = root["principals"]["shen_sw"].principals()
        assert "complaint_handler@640100" in principals
        assert not any(p.startswith("complaint_handler@640100/") for p in principals)
