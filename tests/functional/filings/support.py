"""Users, login and form helpers for the filing tests."""

from webtest import Upload

from ningxia_portal.accounts.resources import KIND_STAFF
from tests.conftest import committing, create_user
from tests.conftest import login as real_login
from tests.unit.filings import samples

ITEM_COMPLETE = "/centers/640100/scjg/xk-scjg-001/"  # 食品经营许可（新办）, 网上办结
ITEM_ACCEPT = "/centers/640100/scjg/xk-scjg-008/"  # 药品零售企业许可, 网上受理
ITEM_PREREVIEW = "/centers/640100/ga/xk-ga-001/"  # 特种行业许可证核发（旅馆业）, 网上预审

# username: (kind, roles, grants, title)
USERS = {
    "acme": ("enterprise", ("enterprise",), (), "宁夏阿克米食品有限公司"),
    "other": ("enterprise", ("enterprise",), (), "银川其他商贸有限公司"),
    "rev": (KIND_STAFF, (), (("reviewer", "640100/scjg"),), "市场监管窗口 王芳"),
    "centerrev": (KIND_STAFF, (), (("reviewer", "640100"),), "银川市中心窗口 李明"),
    "garev": (KIND_STAFF, (), (("reviewer", "640100/ga"),), "公安窗口 赵强"),
    "swrev": (KIND_STAFF, (), (("reviewer", "640100/sw"),), "税务窗口 陈静"),
    "editor1": (KIND_STAFF, ("editor",), (("editor", "640100"),), "编辑 周文"),
    "admin1": (KIND_STAFF, ("admin",), (), "管理员"),
}


def create_users(wsgi_app, names=None):
    """Put the test users into the app's database (password ``<name>1234``)."""
    for name in names or USERS:
        kind, roles, grants, title = USERS[name]
        extra = {"credit_code": "91640104MA76AB0C8B"} if kind == "enterprise" else {}
        create_user(
            wsgi_app,
            name,
            kind=kind,
            roles=roles,
            grants=grants,
            title=title,
            contact="张伟",
            phone="13995000001",
            **extra,
        )


def clear_filings(wsgi_app):
    """Remove the demo filings, so a test starts from an empty /filings/ (numbers from 1)."""
    with committing(wsgi_app) as root:
        filings = root["filings"]
        for name in list(filings):
            filings.remove(name)
        filings.sequences.clear()


def login(testapp, username):
    """Log in through the real /login form; ``testapp.csrf_token`` is the session's token."""
    page = real_login(testapp, username, f"{username}1234")
    testapp.csrf_token = page.forms["header-logout"]["csrf_token"].value
    return testapp


def pdf(name="申请书.pdf", content=samples.PDF):
    return Upload(name, content, "application/pdf")


def fill_apply(form, files, description="申请新办食品经营许可证，经营场所位于兴庆区解放东街。"):
    """Fill the apply form: ``files`` maps material index to an Upload (first slot)."""
    form["description"] = description
    form["contact"] = "张伟"
    form["phone"] = "13995000001"
    uploads = list(form.fields.get("upload", []))
    for index, upload in files.items():
        uploads[index].value = [upload]
    return form


def required_uploads(n=4):
    return {i: pdf(f"材料{i + 1}.pdf") for i in range(n)}


def as_user(client, username):
    return login(client(), username) if username else client()


def submit_filing(client, item=ITEM_COMPLETE, username="acme", files=None):
    """File an application through the real form (a file for every material by default);
    return (client, case URL)."""
    app = as_user(client, username)
    form = app.get(item + "apply").forms["apply"]
    slots = len(form.fields["upload"])
    fill_apply(form, files if files is not None else required_uploads(slots))
    res = form.submit("submit")
    assert res.status_int == 303, res.text[:2000]
    return app, res.location.replace("http://localhost", "")


def take(app, case_url, transition, comment="", marks=None, status=303):
    """Take a transition through the case page's form."""
    page = app.get(case_url)
    form = page.forms[f"transition-{transition}"]
    if "comment" in form.fields:
        form["comment"] = comment
    for field, value in (marks or {}).items():
        form.set(field[0], value, index=field[1])
    return form.submit(transition, status=status)


def main_text(res):
    return res.html.select_one("main").get_text(" ", strip=True)


def flash_text(res):
    return " ".join(f.get_text(" ", strip=True) for f in res.html.select(".flash"))
