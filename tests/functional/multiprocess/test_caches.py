"""What one process keeps (rendered pages, the region choices, the filter options of
/filings/) follows an edit made through another process at once: every kept thing is keyed
by change counters stored in the shared database."""

import pytest
from bs4 import BeautifulSoup

from tests.functional.filings.live import LiveClient
from tests.functional.multiprocess.load import ENTERPRISE, ITEM, apply_fields
from tests.functional.multiprocess.processes import LOGIN_FREE

pytestmark = pytest.mark.multiprocess

CENTER = "/centers/640104/"
DEPARTMENT = "/centers/640100/scjg/"  # ITEM's department


def region_choices(client):
    page = BeautifulSoup(client.get("/").text, "html.parser")
    return {o["value"]: o.text for o in page.select("form.region-form option")}


def department_option(client):
    page = BeautifulSoup(client.get("/filings/").text, "html.parser")
    option = page.select_one("option[value='640100/scjg']")
    return option.text if option is not None else None


def rename(editor, path, title):
    fields = [
        (k, title if k == "title" else v) for k, v in editor.form(path + "edit", "manage-form")
    ]
    reply = editor.post(path + "edit", [*fields, ("save", "save")])
    assert reply.status in (302, 303), reply.text[:500]


def test_an_edit_through_one_process_shows_at_once_on_the_other(zeo_apps):
    a, b = zeo_apps
    owner = LiveClient(a.base).login(ENTERPRISE)
    assert owner.post(ITEM + "apply", apply_fields(owner, "cache")[0]).status == 303
    visitor, owner_b = LiveClient(b.base), LiveClient(b.base).login(ENTERPRISE)
    # B renders and keeps the pages, the choices and the options (asked twice: kept).
    for _ in range(2):
        assert "兴庆区" in visitor.get(CENTER).text
        assert region_choices(visitor)["640104"] == "兴庆区"
        before = department_option(owner_b)
    assert before is not None and "新名称" not in before

    editor = LiveClient(a.base).login("editor")
    rename(editor, CENTER, "兴庆区政务服务中心（新名称）")
    rename(editor, DEPARTMENT, "市场监督管理局（新名称）")

    center_page = BeautifulSoup(visitor.get(CENTER).text, "html.parser")
    assert "兴庆区政务服务中心（新名称）" in center_page.select_one("h1").text
    assert region_choices(visitor)["640104"] == "兴庆区政务服务中心（新名称）"
    assert department_option(owner_b).startswith("市场监督管理局（新名称）")
    assert "市场监督管理局（新名称）" in visitor.get(DEPARTMENT).text


def login_try(client, username, password):
    """A login through the form; the page's text when it was refused, None when it let in."""
    fields = [
        (k, username if k == "login" else password if k == "password" else v)
        for k, v in client.form("/login", "login")
    ]
    reply = client.post("/login", [*fields, ("submit", "submit")])
    return None if reply.status == 302 else BeautifulSoup(reply.text, "html.parser").text


def test_login_throttle_counts_failures_from_every_process(zeo_apps):
    """Failed logins through either process count together (the counters live in the
    shared database): after the allowance of one account from one address is used up
    through A and B in turn, the next try waits, whichever process it reaches, even with
    the right password."""
    a, b = zeo_apps
    clients = [LiveClient(a.base), LiveClient(b.base)]
    for n in range(LOGIN_FREE):
        refused = login_try(clients[n % 2], ENTERPRISE, "wrong-password")
        assert "用户名或密码错误" in refused
    for client in clients:
        refused = login_try(client, ENTERPRISE, f"{ENTERPRISE}1234")
        assert refused is not None and "秒后再试" in refused, refused
