"""Role × URL: every protected page, for every persona, allowed and refused.

Accounts and management pages first; then filings (case page, file download, notices,
supplement, apply, each review transition), announcements (add, edit, transition, the
editors' desk, a draft's page) and complaints (the page, its JSON, its file). Anonymous
visitors are sent to log in (and come back); logged-in users without the permission get the
Chinese 403 page — except where the object itself is hidden from them (an account, a case, an
unpublished announcement …): 404 to whoever may not see it, as if it didn't exist
(test_access_matrix.py compares those answers with a missing object's, byte for byte).
"""

import json
from urllib.parse import quote

import pytest
import webtest

from ningxia_portal import main
from tests.conftest import (
    DEMO_CENTERS,
    PERSONAS,
    RootAccess,
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
    ("/manage/indexing/", ADMINS, "没有被搁置的文档"),
    ("/manage/calendar/", ADMINS, "节假日日历"),
    ("/appointments/new", ("enterprise_a", "enterprise_b"), "预约人"),
    (
        "/appointments/new?item=640100/scjg/xk-scjg-001",
        ("enterprise_a", "enterprise_b"),
        "食品经营许可（新办）",
    ),
    ("/appointments/", LOGGED_IN, "预约"),
    ("/manage/appointments/", ADMINS, "每时段名额"),
    ("/consultations/", LOGGED_IN, "咨询"),
    ("/consultations/new", ("enterprise_a", "enterprise_b"), "咨询内容"),
    ("/consultations/faq", EVERYONE, "常见问题"),
    ("/complaints/", LOGGED_IN, "件投诉"),  # each their own list, or the handlers' queue
    ("/complaints/new", ("enterprise_a", "enterprise_b"), "我要投诉"),
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
    elif url.startswith("/manage/accounts/") and url.count("/") == 4:  # an account: hidden
        assert res.status_int == 404
        assert "页面不存在" in res.html.h1.text and text not in res.html.select_one("main").text
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


def test_every_permission_gates_something(clients):
    """A permission that a view or a workflow transition doesn't ask for gates nothing: it
    would only make the ACLs that grant it look as if they decided something."""
    from ningxia_portal.announcements.workflow import announcement_workflow
    from ningxia_portal.appointments.workflow import appointment_workflow
    from ningxia_portal.complaints.workflow import complaint_workflow
    from ningxia_portal.consultations.workflow import consultation_workflow
    from ningxia_portal.evaluations.workflow import evaluation_workflow
    from ningxia_portal.filings.workflow import filing_workflow
    from ningxia_portal.security.permissions import Permissions

    registry = clients["anonymous"].app.registry
    asked = {
        i["introspectable"]["value"] for i in registry.introspector.get_category("permissions")
    }
    workflows = (
        filing_workflow,
        announcement_workflow,
        appointment_workflow,
        consultation_workflow,
        complaint_workflow,
        evaluation_workflow,
    )
    for workflow in workflows:
        asked.update(t.permission for t in workflow.transitions)
    assert [p.name for p in Permissions if p not in asked] == []


# -- filings and announcements ------------------------------------------------------------
# Each role is tried on a case of 640100/scjg owned by enterprise_a (qiye_a). The matrix
# writes (transitions, supplements), so it has an app of its own, on blob storage.
OWNER, OTHER, REVIEWER, OTHER_REVIEWER = (
    "enterprise_a",
    "enterprise_b",
    "reviewer",
    "other_reviewer",
)
ITEM = "/centers/640100/scjg/xk-scjg-001/"  # 食品经营许可（新办）, 网上办结
PDF = b"%PDF-1.4\n% matrix\n%%EOF\n"
CASE_VIEWERS = (OWNER, REVIEWER, "admin")
REVIEWERS = (REVIEWER, "admin")
EDITORS = ("editor", "admin")


@pytest.fixture(scope="module")
def staffed(tmp_path_factory):
    """(wsgi app, {persona: logged-in client}), demo data on a FileStorage with blobs."""
    from ningxia_portal.core.root import get_database

    where = tmp_path_factory.mktemp("matrix")
    uri = f"file://{where}/Data.fs?blobstorage_dir={where}/blobs"
    settings = {"zodbconn.uri": uri, "portal.demo": "true", "portal.demo_centers": DEMO_CENTERS}
    wsgi_app = main({}, **base_settings(**settings))
    create_personas(wsgi_app)
    found = {"anonymous": webtest.TestApp(wsgi_app)}
    found["anonymous"].csrf = found["anonymous"].get("/login").forms["login"]["csrf_token"].value
    for name in PERSONAS:
        found[name] = webtest.TestApp(wsgi_app)
        page = login(found[name], PERSONAS[name]["username"], persona_password(name))
        found[name].csrf = page.forms["header-logout"]["csrf_token"].value
    yield wsgi_app, found
    get_database(wsgi_app.registry).close()


def make_case(wsgi_app, steps=()):
    """A case of qiye_a with one file, submitted and taken through ``steps`` by the reviewer,
    as the app records them; returns its URL."""
    import io

    from ningxia_portal.core.clock import CST, get_clock
    from ningxia_portal.filings.demo import record_transition
    from ningxia_portal.filings.resources import Filing, new_blob
    from ningxia_portal.indexing.catalog import reindex
    from tests.functional.announcements.conftest import committing_root

    now = get_clock(wsgi_app.registry).now()
    with committing_root(wsgi_app) as root:
        owner = root["principals"]["qiye_a"]
        filing = Filing(root["centers"]["640100"]["scjg"]["xk-scjg-001"], owner, now)
        filing.add_file(
            0, "申请书.pdf", "application/pdf", len(PDF), new_blob(io.BytesIO(PDF)), now
        )
        root["filings"].add_case(filing, "640100", now.astimezone(CST).date())
        filing.submitted, filing.deadline = now, now.date()
        record_transition(filing, "submit", ("qiye_a", owner.title), "", now)
        for step in steps:
            extra = {}
            if step == "return":
                marks = [{"status": "ok", "note": ""} for _ in filing.materials]
                extra["materials"] = tuple(marks)
                filing.set_material_reviews(marks)
            record_transition(filing, step, ("shen_scjg", "刘窗口"), "请补正", now, extra)
        reindex(filing)
        return f"/filings/{filing.case_no}/"


def state_of(wsgi_app, url):
    with RootAccess(wsgi_app) as root:
        filing = root["filings"][url.split("/")[2]]
        return filing.state, [e["actor"] for e in filing.history]


def refused(res, who):
    """The refusal a persona gets: the login page for visitors, else the 403 page, or the
    404 page where the object is not theirs to see at all."""
    if who == "anonymous":
        assert res.status_int == 302 and "/login?came_from=" in res.location
        return True
    assert res.status_int in (403, 404), res.status
    main = res.html.select_one("main").text
    if res.status_int == 404:  # the page's own address shows (the region picker), no more
        return "页面不存在" in res.html.h1.text and "640100-" not in main
    assert "无权访问" in main
    return True


def hidden(res, title):
    """Someone who may not see an object gets "not found", without a word of it."""
    assert res.status_int == 404, res.status
    assert "页面不存在" in res.html.h1.text and title not in res.text
    return True


@pytest.fixture(scope="module")
def cases(staffed):
    wsgi_app, _ = staffed
    return {
        "submitted": make_case(wsgi_app),
        "accepted": make_case(wsgi_app, ("prereview", "accept")),
        "returned": make_case(wsgi_app, ("return",)),
    }


def case_page(client, cases):
    res = client.get(cases["submitted"], status="*")
    if res.status_int != 200:
        return res, None
    return res, res.html.h1.text


def file_download(client, cases):
    res = client.get(cases["submitted"] + "file/1/" + quote("申请书.pdf"), status="*")
    return res, res.body if res.status_int == 200 else None


def acceptance_notice(client, cases):
    res = client.get(cases["accepted"] + "notices/acceptance", status="*")
    return res, res.html.h1.text if res.status_int == 200 else None


def supplement_page(client, cases):
    res = client.get(cases["returned"] + "supplement", status="*")
    return res, "supplement" in res.forms if res.status_int == 200 else None


def apply_page(client, cases):
    res = client.get(ITEM + "apply", status="*")
    return res, res.html.select_one("main").text if res.status_int == 200 else None


READ_MATRIX = {
    # action: (request, who may, what the allowed page shows)
    "case page": (case_page, CASE_VIEWERS, lambda got: got.startswith("办件 640100-")),
    "file": (file_download, CASE_VIEWERS, lambda got: got == PDF),
    "notice": (acceptance_notice, CASE_VIEWERS, lambda got: "受理通知书" in got),
    "supplement page": (supplement_page, (OWNER,), lambda got: got is True),
    "apply": (apply_page, (OWNER, OTHER), lambda got: "食品经营许可（新办）" in got),
}


@pytest.mark.parametrize("who", EVERYONE)
@pytest.mark.parametrize("action", list(READ_MATRIX))
def test_filing_pages(staffed, cases, action, who):
    request, allowed, shows = READ_MATRIX[action]
    res, got = request(staffed[1][who], cases)
    if who in allowed:
        assert res.status_int == 200 and shows(got), (res.status, got)
    else:
        assert refused(res, who) and PDF not in res.body
        if res.status_int == 403:  # not a word of the case
            assert "640100-" not in res.html.select_one("main").text


REVIEW_STEPS = {  # transition: (steps to its source state, target state)
    "prereview": ((), "prereview_passed"),
    "return": ((), "supplement_required"),
    "reject": ((), "not_accepted"),
    "accept": (("prereview",), "accepted"),
    "complete": (("prereview", "accept"), "completed"),
    "refuse": (("prereview", "accept"), "not_permitted"),
}


@pytest.mark.parametrize("who", EVERYONE)
@pytest.mark.parametrize("name", list(REVIEW_STEPS))
def test_review_transitions(staffed, name, who):
    wsgi_app, clients = staffed
    steps, target = REVIEW_STEPS[name]
    url = make_case(wsgi_app, steps)
    before = state_of(wsgi_app, url)
    client = clients[who]
    if who in REVIEWERS:
        form = client.get(url).forms[f"transition-{name}"]
        if "comment" in form.fields:
            form["comment"] = "经审查"
        page = form.submit(name).follow()
        assert "操作成功" in page.text
        username = PERSONAS[who]["username"]
        assert state_of(wsgi_app, url) == (target, [*before[1], username])
        return
    fields = {
        "__formid__": f"transition-{name}",
        "csrf_token": client.csrf,
        "revision": str(len(before[1])),
        "comment": "经审查",
        name: name,
    }
    res = client.post(url, fields, status="*")
    if who == OWNER:  # sees the case, is offered no review, and is refused
        assert f"transition-{name}" not in client.get(url).forms
        assert res.status_int == 409 and "该办件当前状态下不能进行此操作" in res.text
    else:
        assert refused(res, who)
    assert state_of(wsgi_app, url) == before


@pytest.mark.parametrize("who", EVERYONE)
def test_supplement_post(staffed, who):
    from webtest import Upload

    wsgi_app, clients = staffed
    url = make_case(wsgi_app, ("return",))
    form = clients[OWNER].get(url + "supplement").forms["supplement"]
    form.fields["upload"][0].value = [Upload("补正.pdf", PDF, "application/pdf")]
    form["comment"] = "已补正"
    if who == OWNER:
        page = form.submit("supplement").follow()
        assert "补正材料已提交，等待审核" in page.text
        assert state_of(wsgi_app, url) == ("submitted", ["qiye_a", "shen_scjg", "qiye_a"])
        return
    client = clients[who]
    fields = [(k, client.csrf if k == "csrf_token" else v) for k, v in form.submit_fields()]
    assert refused(client.post(url + "supplement", fields, status="*"), who)
    assert state_of(wsgi_app, url) == ("supplement_required", ["qiye_a", "shen_scjg"])


@pytest.fixture(scope="module")
def draft(staffed):
    from ningxia_portal.announcements.workflow import PRIVATE
    from tests.functional.announcements.conftest import add_announcement, committing_root

    with committing_root(staffed[0]) as root:
        name = add_announcement(root, "矩阵测试草稿公告", state=PRIVATE, scope="640100")
    return f"/announcements/{name}/", "矩阵测试草稿公告"


def announcement_state(wsgi_app, url):
    with RootAccess(wsgi_app) as root:
        return root["announcements"][url.split("/")[2]].state


ANNOUNCEMENT_PAGES = {
    # action: (path, refused as: "forbidden" or "hidden", what the allowed page shows)
    "add": (lambda url: "/announcements/@@add", "forbidden", ("新建公告", "announcement")),
    "edit": (lambda url: url + "@@edit", "hidden", ("编辑公告", "announcement")),
    "desk": (lambda url: "/announcements/@@manage", "forbidden", ("矩阵测试草稿公告", None)),
    "draft page": (lambda url: url, "hidden", ("矩阵测试草稿公告", "transition")),
}


@pytest.mark.parametrize("who", EVERYONE)
@pytest.mark.parametrize("action", list(ANNOUNCEMENT_PAGES))
def test_announcement_pages(staffed, draft, action, who):
    path, refusal, (text, form) = ANNOUNCEMENT_PAGES[action]
    url, title = draft
    res = staffed[1][who].get(path(url), status="*")
    if who in EDITORS:
        assert res.status_int == 200 and text in res.html.select_one("main").text
        assert form is None or form in res.forms
    elif refusal == "hidden":
        assert hidden(res, title)
    else:
        assert refused(res, who) and title not in res.text


@pytest.mark.parametrize("who", EVERYONE)
def test_announcement_transition(staffed, who):
    from ningxia_portal.announcements.workflow import PRIVATE
    from tests.functional.announcements.conftest import add_announcement, committing_root

    wsgi_app, clients = staffed
    title = f"矩阵流转公告{who}"
    with committing_root(wsgi_app) as root:
        url = f"/announcements/{add_announcement(root, title, state=PRIVATE)}/"
    client = clients[who]
    if who in EDITORS:
        page = client.get(url).forms["transition"].submit("publish").follow()
        assert "已发布" in page.html.select_one(".state").text
        assert announcement_state(wsgi_app, url) == "published"
        return
    res = client.post(url + "@@transition", {"csrf_token": client.csrf, "publish": "1"}, status="*")
    assert hidden(res, title)
    assert announcement_state(wsgi_app, url) == PRIVATE


# -- consultations --------------------------------------------------------------------------
# A consultation of qiye_a to 640100/scjg: its owner, the department's reviewer and admins
# read it; the reviewer and admins answer and publish it; everyone else is refused.
CONSULTATION_STAFF = (REVIEWER, "admin")
CONSULTATION_STEPS = {  # transition: (steps to its source state, target state)
    "answer": ((), "answered"),
    "publish": (("answer",), "published"),
    "unpublish": (("answer", "publish"), "answered"),
}


def make_consultation(wsgi_app, steps=(), subject="矩阵里的咨询"):
    """A consultation of qiye_a to 640100/scjg taken through ``steps``; returns its URL."""
    from ningxia_portal.consultations.resources import Consultation
    from ningxia_portal.consultations.services import record_transition
    from ningxia_portal.core.clock import get_clock
    from ningxia_portal.indexing.catalog import reindex
    from tests.functional.announcements.conftest import committing_root

    now = get_clock(wsgi_app.registry).now()
    with committing_root(wsgi_app) as root:
        owner = root["principals"]["qiye_a"]
        department = root["centers"]["640100"]["scjg"]
        c = Consultation(owner, department, "张三", "13912345678", subject, "请问？", now)
        container = root["consultations"]
        container.add(container.new_name(now), c)
        for step in steps:
            record_transition(c, step, ("shen_scjg", "刘窗口"), "答复如下", now)
        reindex(c)
        return f"/consultations/{c.__name__}/"


def consultation_state(wsgi_app, url):
    with RootAccess(wsgi_app) as root:
        c = root["consultations"][url.split("/")[2]]
        return c.state, [e["actor"] for e in c.history]


@pytest.mark.parametrize("who", EVERYONE)
@pytest.mark.parametrize("accept", ["text/html", "application/json"])
def test_consultation_page(staffed, who, accept):
    wsgi_app, clients = staffed
    url = make_consultation(wsgi_app, subject=f"矩阵咨询{who}")
    res = clients[who].get(url, headers={"Accept": accept}, status="*")
    text = res.text
    if res.content_type == "application/json":  # the text as read, not \u-escaped
        text = json.dumps(res.json, ensure_ascii=False)
    if who in (OWNER, *CONSULTATION_STAFF):
        assert res.status_int == 200 and f"矩阵咨询{who}" in text
    elif accept == "application/json":
        assert res.status_int in (401, 404) and f"矩阵咨询{who}" not in text
    else:
        assert refused(res, who) and f"矩阵咨询{who}" not in res.text


@pytest.mark.parametrize("who", EVERYONE)
@pytest.mark.parametrize("name", list(CONSULTATION_STEPS))
def test_consultation_transitions(staffed, name, who):
    wsgi_app, clients = staffed
    steps, target = CONSULTATION_STEPS[name]
    url = make_consultation(wsgi_app, steps)
    before = consultation_state(wsgi_app, url)
    client = clients[who]
    if who in CONSULTATION_STAFF:
        form = client.get(url).forms[f"transition-{name}"]
        form["comment"] = "答复：可以网上办理。"
        page = form.submit(name).follow()
        assert "操作完成" in page.text
        username = PERSONAS[who]["username"]
        assert consultation_state(wsgi_app, url) == (target, [*before[1], username])
        return
    fields = {
        "__formid__": f"transition-{name}",
        "csrf_token": client.csrf,
        "revision": str(len(before[1])),
        "comment": "答复",
        name: name,
    }
    res = client.post(url, fields, status="*")
    if who == OWNER:  # reads it, is offered no move, and is refused
        assert f"transition-{name}" not in client.get(url).forms
        assert res.status_int == 409 and "当前状态下不能进行此操作" in res.text
    else:
        assert refused(res, who)
    assert consultation_state(wsgi_app, url) == before


# -- complaints ---------------------------------------------------------------------------
# A complaint of enterprise_a about 640100/scjg, with one file: the department complained
# about (the reviewer persona) sees nothing of it; the complainant and admins do, and so
# does a complaint handler of 640100 (not a persona: made here).
COMPLAINT_VIEWERS = (OWNER, "admin")


@pytest.fixture(scope="module")
def complaint(staffed):
    """(page url, file url) of the complaint, and a logged-in client of 640100's handler."""
    import io

    from ningxia_portal.complaints.resources import Complaint
    from ningxia_portal.core.clock import get_clock
    from ningxia_portal.filings.resources import new_blob
    from tests.conftest import create_user
    from tests.functional.announcements.conftest import committing_root

    wsgi_app, _ = staffed
    now = get_clock(wsgi_app.registry).now()
    with committing_root(wsgi_app) as root:
        center = root["centers"]["640100"]
        c = Complaint(root["principals"]["qiye_a"], center, center["scjg"], now)
        c.subject, c.content = "矩阵投诉", "窗口态度"
        c.add_file("证据.pdf", "application/pdf", len(PDF), new_blob(io.BytesIO(PDF)), now)
        root["complaints"].add_complaint(c)
        url = f"/complaints/{c.__name__}/"
    create_user(wsgi_app, "chuli_m", kind="staff", grants=(("complaint_handler", "640100"),))
    handler = webtest.TestApp(wsgi_app)
    login(handler, "chuli_m", "chuli_m1234")
    return url, url + "file/1/" + quote("证据.pdf"), handler


COMPLAINT_READS = {
    "page": (lambda url, _f: (url, {}), lambda res: "矩阵投诉" in res.html.h1.text),
    "json": (
        lambda url, _f: (url, {"Accept": "application/json"}),
        lambda res: res.json["subject"] == "矩阵投诉",
    ),
    "file": (lambda _u, file_url: (file_url, {}), lambda res: res.body == PDF),
}


@pytest.mark.parametrize("who", [*EVERYONE, "handler"])
@pytest.mark.parametrize("action", list(COMPLAINT_READS))
def test_complaint_pages(staffed, complaint, action, who):
    url, file_url, handler = complaint
    target, shows = COMPLAINT_READS[action]
    path, headers = target(url, file_url)
    client = handler if who == "handler" else staffed[1][who]
    res = client.get(path, headers=headers, status="*")
    if who in (*COMPLAINT_VIEWERS, "handler"):
        assert res.status_int == 200 and shows(res), res.status
    elif who == "anonymous" and action == "json":
        assert res.status_int == 401 and res.json["error"] == "login_required"
    elif who == "anonymous":
        assert res.status_int == 302 and "/login?came_from=" in res.location
    else:
        assert res.status_int == 404 and "矩阵投诉" not in res.text and PDF not in res.body
