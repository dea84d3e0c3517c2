"""/manage/audit/ as admins use it: newest first, searched, paged, exported as CSV; bad
search input comes back at its field in Chinese; nobody else enters; no method but GET
reaches the log or an entry, and the database holds the same afterwards."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import committing

T0 = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)  # 09:30 in China


def arrange(wsgi_app, n=3, **overrides):
    keys = []
    with committing(wsgi_app) as root:
        log = root["manage"]["audit"]
        for i in range(n):
            values = {
                "actor": f"user{i % 2}",
                "address": "10.0.0.1",
                "action": "login.failure" if i % 2 else "role.granted",
                "target": f"target{i}",
                "detail": f"detail {i}",
            }
            values.update(overrides)
            keys.append(log.append(T0 + timedelta(minutes=i), **values))
    return keys


def snapshot(wsgi_app, open_root):
    with open_root(wsgi_app) as root:
        log = root["manage"]["audit"]
        return len(log), list(log.entries.items())


def rows(res):
    return [r.get_text(" ", strip=True) for r in res.html.select(".audit-table tbody tr")]


def test_the_log_is_listed_newest_first_and_an_entry_opens(admin_app, demo_wsgi_app):
    arrange(demo_wsgi_app, 3)
    page = admin_app.get("/manage/")
    assert "审计日志" in page.html.select_one("main").text
    page = admin_app.get("/manage/audit/")
    assert page.html.h1.text == "审计日志"
    assert page.headers["Cache-Control"] == "private, no-store"
    found = rows(page)
    assert found[0].startswith("2026-03-02 09:32:00 user0 10.0.0.1 授予角色 target2 detail 2")
    assert "登录失败" in found[1] and "target1" in found[1]
    entry = page.click(href="/manage/audit/[0-9]+-[0-9]+/$", index=0)
    text = entry.html.select_one("main").get_text(" ", strip=True)
    assert "target2" in text and "role.granted" in text and "detail 2" in text


def test_search_by_who_action_target_and_dates(admin_app, demo_wsgi_app):
    arrange(demo_wsgi_app, 6)
    form = admin_app.get("/manage/audit/").forms["audit-filter"]
    form["actor"] = "user1"
    res = form.submit("search")
    assert len(rows(res)) == 3 and all("user1" in r for r in rows(res))
    form = res.forms["audit-filter"]
    assert form["actor"].value == "user1"
    form["actor"] = ""
    form["action"] = "role.granted"
    form["target"] = "target4"
    assert rows(form.submit("search")) == [
        "2026-03-02 09:34:00 user0 10.0.0.1 授予角色 target4 detail 4"
    ]
    res = admin_app.get("/manage/audit/", {"other_action": "login.", "start": "2026-03-02"})
    found = rows(res)  # the three failures arranged, and the admin's own login
    assert len(found) == 4 and found[-1] == "2026-03-02 09:00:00 guanli — 登录成功 guanli"
    res = admin_app.get("/manage/audit/", {"start": "2026-03-03"})
    assert rows(res) == ["没有找到记录。"]


def test_bad_search_input_comes_back_at_its_field(admin_app, demo_wsgi_app):
    arrange(demo_wsgi_app, 2)
    form = admin_app.get("/manage/audit/").forms["audit-filter"]
    form["action"] = "role.granted"
    form["other_action"] = "Login!"
    form["actor"] = "x" * 65
    res = form.submit("search")
    assert res.status_int == 200
    text = res.html.select_one("form#audit-filter").get_text(" ", strip=True)
    assert "操作名称只能由小写字母" in text and "64" in text
    assert res.forms["audit-filter"]["other_action"].value == "Login!"
    assert not res.html.select(".audit-table")
    form = res.forms["audit-filter"]
    form["actor"] = form["other_action"] = ""
    form["start"], form["end"] = "2026-03-05", "2026-03-01"
    res = form.submit("search")
    assert "不能早于" in res.html.select_one("form#audit-filter").get_text(" ", strip=True)
    assert res.forms["audit-filter"]["start"].value == "2026-03-05"
    assert res.forms["audit-filter"]["action"].value == "role.granted"
    res = admin_app.get("/manage/audit/", {"start": "2026-13-40", "action": "no-such"})
    text = res.html.select_one("form#audit-filter").get_text(" ", strip=True)
    assert "2026-01-31" in text and "请选择列表中的操作" in text


def test_pages_of_fifty_follow_each_other(admin_app, demo_wsgi_app):
    arrange(demo_wsgi_app, 120)
    page = admin_app.get("/manage/audit/")
    assert "日志共121条记录" in page.text  # and the admin's own login
    seen = rows(page)
    while page.html.select_one("a[rel=next]"):
        page = page.click(href="before=", index=-1)
        seen += rows(page)
    assert len(seen) == 121 == len(set(seen))
    assert seen[0].startswith("2026-03-02 11:29:00") and seen[-2].startswith("2026-03-02 09:30:00")
    assert seen[-1] == "2026-03-02 09:00:00 guanli — 登录成功 guanli"
    assert page.html.select_one(".pager a").text == "最新记录"


def test_the_csv_export_holds_the_search(admin_app, demo_wsgi_app):
    arrange(demo_wsgi_app, 4)
    arrange(demo_wsgi_app, 1, actor="user0", detail="=HYPERLINK(1)")
    page = admin_app.get("/manage/audit/", {"actor": "user0"})
    res = page.click(href="/manage/audit/csv")
    assert res.headers["Content-Type"].startswith("text/csv")
    assert res.headers["Content-Disposition"].startswith("attachment; filename=")
    assert res.body.startswith("\ufeff".encode())
    lines = res.body.decode("utf-8-sig").splitlines()
    assert lines[0] == "时间,操作人,地址,操作,对象,详情"
    assert len(lines) == 4 and all(",user0," in line for line in lines[1:])
    assert any(line.endswith(",'=HYPERLINK(1)") for line in lines)  # shown, never run
    assert lines[1].startswith("2026-03-02T09:32:00+08:00,user0,10.0.0.1,role.granted,target2")


@pytest.mark.parametrize("persona", [None, "enterprise_a", "reviewer", "editor"])
def test_nobody_but_admins_enters(as_persona, demo_wsgi_app, persona):
    (key,) = arrange(demo_wsgi_app, 1)
    app = as_persona(persona)
    for url in ("/manage/audit/", "/manage/audit/csv", f"/manage/audit/{key[0]}-{key[1]}/"):
        res = app.get(url, status="*")
        assert res.status_int in (302, 403, 404)
        assert "target0" not in res.text and "审计日志共" not in res.text
    assert "审计日志" not in app.get("/manage/", status="*").text


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_no_method_changes_the_log_or_an_entry(admin_app, demo_wsgi_app, open_root, method):
    (key,) = arrange(demo_wsgi_app, 1)
    before = snapshot(demo_wsgi_app, open_root)
    token = admin_app.get("/manage/audit/").html.select_one("input[name=csrf_token]")
    token = token["value"] if token else admin_app.get("/profile").forms[0]["csrf_token"].value
    name = f"{key[0]}-{key[1]}"
    for url in (
        "/manage/audit/",
        f"/manage/audit/{name}/",
        f"/manage/audit/{name}/edit",
        f"/manage/audit/{name}/remove",
        f"/manage/audit/{name}/delete",
        "/manage/audit/csv",
    ):
        res = getattr(admin_app, method)(
            url, {"csrf_token": token, "actor": "forged", "detail": "x"}, status="*"
        )
        assert res.status_int in (400, 403, 404, 405), (url, res.status)
    assert snapshot(demo_wsgi_app, open_root) == before
    assert "forged" not in admin_app.get("/manage/audit/").text
