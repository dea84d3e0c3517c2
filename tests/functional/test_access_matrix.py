"""Every object type × every role × HTML, JSON and download: only the rightful see it, and
nobody else can tell it exists.

The objects are made through the real forms (a case of enterprise A with its file, notices,
messages and rating; an appointment, a consultation, a complaint with its attachment; an
account). Each URL has a *twin*: the same URL, the same length, naming an object that does
not exist. Whoever may not see the object must get, for the object and for its twin, the
same answer byte for byte (status, every header, body) once the twin's name is put back in
its place: for an anonymous visitor the login redirect (or 401 JSON), for a logged-in user
the 404 of a missing page.
"""

import json
import re
from urllib.parse import quote

import pytest
import webtest

from ningxia_portal import main
from ningxia_portal.accounts.resources import KIND_STAFF
from tests.conftest import (
    DEMO_CENTERS,
    PERSONAS,
    base_settings,
    create_personas,
    create_user,
    login,
)
from tests.functional.appointments.support import book
from tests.functional.complaints.support import fill
from tests.functional.consultations.support import ask
from tests.functional.evaluations.support import POOR, rate
from tests.functional.filings.support import fill_apply, pdf

JSON = {"Accept": "application/json"}
HTML = {"Accept": "text/html"}
PDF = b"%PDF-1.4\n% access matrix\n%%EOF\n"

# The roles of the matrix: the personas of tests/conftest.py (the owner is enterprise_a; the
# objects belong to 640100/scjg, whose reviewer is ``reviewer``), plus a complaint handler of
# 640100 and a second reviewer of 640100/scjg, the department the complaint is about.
OWNER, OTHER_ENTERPRISE = "enterprise_a", "enterprise_b"
REVIEWER, OTHER_REVIEWER = "reviewer", "other_reviewer"
HANDLER, COMPLAINED = "handler", "complained"
EDITOR, ADMIN = "editor", "admin"
EXTRA = {
    HANDLER: {
        "username": "tousu_yc",
        "kind": KIND_STAFF,
        "title": "投诉科 孙立",
        "grants": (("complaint_handler", "640100"),),
    },
    COMPLAINED: {
        "username": "shen_scjg2",
        "kind": KIND_STAFF,
        "title": "市场监管窗口 王芳",
        "grants": (("reviewer", "640100/scjg"),),
    },
}
ROLES = (
    "anonymous",
    OWNER,
    OTHER_ENTERPRISE,
    REVIEWER,
    OTHER_REVIEWER,
    HANDLER,
    COMPLAINED,
    EDITOR,
    ADMIN,
)
CASE_SEERS = (OWNER, REVIEWER, COMPLAINED, ADMIN)  # the department's staff and admins
COMPLAINT_SEERS = (OWNER, HANDLER, ADMIN)  # not the department complained about
ITEM = "/centers/640100/scjg/xk-scjg-001/"  # 食品经营许可（新办）, 网上办结


def password(role):
    spec = EXTRA.get(role) or PERSONAS[role]
    return spec["username"] + "1234"


def username(role):
    return (EXTRA.get(role) or PERSONAS[role])["username"]


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    """(wsgi app, {role: client}) on demo data in a FileStorage with blobs (uploads)."""
    from ningxia_portal.core.root import get_database

    where = tmp_path_factory.mktemp("access")
    uri = f"file://{where}/Data.fs?blobstorage_dir={where}/blobs"
    settings = {"zodbconn.uri": uri, "portal.demo": "true", "portal.demo_centers": DEMO_CENTERS}
    wsgi_app = main({}, **base_settings(**settings))
    create_personas(wsgi_app)
    for spec in EXTRA.values():
        spec = dict(spec)
        create_user(wsgi_app, spec.pop("username"), **spec)
    clients = {"anonymous": webtest.TestApp(wsgi_app)}
    for role in ROLES[1:]:
        clients[role] = webtest.TestApp(wsgi_app)
        login(clients[role], username(role), password(role))
    yield wsgi_app, clients
    get_database(wsgi_app.registry).close()


def path(url):
    return url.replace("http://localhost", "")


def take(client, url, transition, comment="经审查"):
    form = client.get(url).forms[f"transition-{transition}"]
    if "comment" in form.fields:
        form["comment"] = comment
    assert form.submit(transition).status_int in (302, 303)


def make_objects(wsgi_app, clients):
    """{name: URL} of one object of each type, made as the users make them."""
    owner, reviewer = clients[OWNER], clients[REVIEWER]
    found = {}

    form = owner.get(ITEM + "apply").forms["apply"]
    files = {i: pdf(f"材料{i + 1}.pdf", PDF) for i in range(len(form.fields["upload"]))}
    res = fill_apply(form, files).submit("submit")
    case = path(res.location)
    for transition in ("prereview", "accept", "complete"):
        take(reviewer, case, transition)
    page = owner.get(case)
    found["filing"] = case
    found["filing file"] = path(page.html.select_one('a[href*="/file/"]')["href"])
    notice = path(page.html.select_one("a.notice-link")["href"])
    found["notice"] = notice
    found["notice pdf"] = notice + ".pdf"
    rate(owner, case.strip("/").rsplit("/", 1)[1], POOR, comment="办理太慢")
    found["rating"] = case.replace("/filings/", "/evaluations/")
    box = owner.get("/messages/")
    found["message"] = path(box.html.select_one("li.message .message-head a")["href"])

    found["appointment"] = path(book(owner, content="塞上粮油的预约").location)
    found["consultation"] = ask(owner, subject="塞上粮油的咨询")
    form = fill(owner.get("/complaints/new?center=640100").forms["complaint"])
    form["subject"], form["phone"] = "塞上粮油的投诉", "13995000001"
    form.fields["upload"][0].value = pdf("证明.pdf", PDF)
    complaint = form.submit("submit").follow()
    found["complaint"] = path(complaint.request.url)
    found["complaint file"] = path(complaint.html.select_one('a[href*="/file/"]')["href"])
    found["account"] = f"/manage/accounts/{username(OWNER)}/"
    # The audit log's record of the case's last move, as the admin finds it.
    case_no = case.strip("/").rsplit("/", 1)[1]
    log = clients[ADMIN].get("/manage/audit/", {"target": case_no})
    found["audit entry"] = re.search(r"/manage/audit/\d+-\d+/", log.text).group(0)
    for client in clients.values():  # each shows its waiting messages once, here
        client.get("/")
    return found


@pytest.fixture(scope="module")
def objects(portal):
    return make_objects(*portal)


def flipped(name):
    """A name of the same length and kind that no object has."""
    out = []
    for c in name:
        if c.isdigit():
            out.append(str(9 - int(c)))
        elif "a" <= c <= "z":
            out.append(chr(ord("a") + ord("z") - ord(c)))
        else:
            out.append(c)
    return "".join(out)


# What a URL names: (the pattern of the object's own name in its URL, group 1)
NAMES = {
    "filing": r"^/filings/([^/]+)/",
    "filing file": r"/file/([^/]+)/",  # a file the case doesn't have
    "notice": r"^/filings/([^/]+)/",
    "notice pdf": r"^/filings/([^/]+)/",
    "rating": r"^/evaluations/([^/]+)/",
    "message": r"^/messages/([^/]+)",
    "appointment": r"^/appointments/([^/]+)/",
    "consultation": r"^/consultations/([^/]+)/",
    "complaint": r"^/complaints/([^/]+)/",
    "complaint file": r"^/complaints/([^/]+)/",
    "account": r"^/manage/accounts/([^/]+)/",
    "audit entry": r"^/manage/audit/([^/]+)/",
}


def twin(kind, url):
    """The twin URL: a missing object's name in the place of the object's own."""
    match = re.search(NAMES[kind], url)
    return url[: match.start(1)] + flipped(match.group(1)) + url[match.end(1) :]


# Who may see each object (everyone else is refused, and can't tell it exists), and what the
# rightful answer shows.
def shows_case(res, urls):
    return res.status_int == 200 and urls["filing"].split("/")[2] in res.text


def shows_pdf(res, urls):
    return res.status_int == 200 and res.body.startswith(b"%PDF")


def shows_file(res, urls):
    return res.status_int == 200 and res.body == PDF


def shown(res):
    """What the answer says: the page, or the JSON's values (not \\u-escaped)."""
    if res.content_type == "application/json":
        return json.dumps(res.json, ensure_ascii=False)
    return res.text


def shows(text):
    return lambda res, urls: res.status_int == 200 and text in shown(res)


def goes_to_case(res, urls):
    return res.status_int == 303 and urls["filing"] in res.location


OBJECTS = {
    # object type: (who may see it, representations, what the rightful answer shows)
    "filing": (CASE_SEERS, ("html", "json"), shows_case),
    "filing file": (CASE_SEERS, ("download",), shows_file),
    "notice": (CASE_SEERS, ("html",), shows_case),
    "notice pdf": (CASE_SEERS, ("download",), shows_pdf),
    "rating": (CASE_SEERS, ("html", "json"), shows("办理太慢")),
    "message": ((OWNER,), ("html",), goes_to_case),
    "appointment": (CASE_SEERS, ("html", "json"), shows("塞上粮油的预约")),
    "consultation": (CASE_SEERS, ("html", "json"), shows("塞上粮油的咨询")),
    "complaint": (COMPLAINT_SEERS, ("html", "json"), shows("塞上粮油的投诉")),
    "complaint file": (COMPLAINT_SEERS, ("download",), shows_file),
    "account": ((ADMIN,), ("html", "json"), shows("宁夏塞上粮油有限公司")),
}


def audit_entry_rows():
    """The audit log's entries join the matrix here: {object type: (who may see it,
    representations, what the rightful answer shows)} like OBJECTS, and their pattern in
    NAMES; ``make_objects`` makes one. Only admins read the log."""
    return {"audit entry": ((ADMIN,), ("html",), shows("workflow.complete"))}


MATRIX = {**OBJECTS, **audit_entry_rows()}
HEADERS = {"html": HTML, "json": JSON, "download": {}}
CASES = [
    (kind, representation, role)
    for kind, (_seers, representations, _shows) in MATRIX.items()
    for representation in representations
    for role in ROLES
]


def answer(res, url=None, twin_url=None):
    """Status, headers and body; where the twin's URL shows, the object's in its place."""
    headers, body = sorted(res.headerlist), res.body
    if twin_url is not None:
        for theirs, ours in (
            (twin_url, url),
            *((quote(twin_url, safe=s), quote(url, safe=s)) for s in ("", "/")),
        ):
            headers = [(k, v.replace(theirs, ours)) for k, v in headers]
            body = body.replace(theirs.encode(), ours.encode())
    return res.status, headers, body


@pytest.mark.parametrize(("kind", "representation", "role"), CASES)
def test_access(portal, objects, kind, representation, role):
    wsgi_app, clients = portal
    seers, _representations, shows_it = MATRIX[kind]
    url = objects[kind]
    headers = HEADERS[representation]
    client = clients[role]
    missing = twin(kind, url)

    res = client.get(url, headers=headers, status="*")
    if role in seers:
        assert shows_it(res, objects), (res.status, res.text[:500])
        # The twin really is missing: the rightful get "not found" there.
        gone = client.get(missing, headers=headers, status="*")
        assert gone.status_int == 404, gone.status
        return

    other = client.get(missing, headers=headers, status="*")
    assert answer(res) == answer(other, url, missing)
    if role == "anonymous":
        if representation == "json":
            assert res.status_int == 401 and res.json == {
                "error": "login_required",
                "status": 401,
            }
        else:
            assert res.status_int == 302
            assert res.location == "http://localhost/login?came_from=" + quote(url, safe="")
    else:
        assert res.status_int == 404, res.status
        if representation == "json":
            assert res.json == {"error": "not_found", "status": 404}
        else:
            assert "页面不存在" in res.html.h1.text
            assert PDF not in res.body


# -- posts -------------------------------------------------------------------------------
POSTED = ("filing", "appointment", "consultation", "complaint", "account")


@pytest.mark.parametrize("role", [r for r in ROLES if r not in (OWNER, ADMIN)])
@pytest.mark.parametrize("kind", POSTED)
def test_a_post_to_a_hidden_object_answers_as_to_a_missing_one(portal, objects, kind, role):
    """A form posted to an object (a transition, a grant) tells nothing more than a page."""
    _wsgi_app, clients = portal
    seers = MATRIX[kind][0]
    if role in seers:
        return
    client = clients[role]
    url = objects[kind]
    missing = twin(kind, url)
    page, form = ("/login", "login") if role == "anonymous" else ("/", "header-logout")
    token = client.get(page).forms[form]["csrf_token"].value
    body = {"csrf_token": token, "__formid__": "transition-approve", "revision": "0"}
    res = client.post(url, body, status="*")
    assert answer(res) == answer(client.post(missing, body, status="*"), url, missing)
    assert res.status_int == (302 if role == "anonymous" else 404)


# -- hidden in a public container ---------------------------------------------------------
@pytest.fixture(scope="module")
def draft(portal):
    """A draft announcement with an attachment: hidden in /announcements/, which is public."""
    from ningxia_portal.announcements.workflow import PRIVATE
    from tests.functional.announcements.conftest import add_announcement, committing_root

    with committing_root(portal[0]) as root:
        name = add_announcement(
            root, "未发布的矩阵公告", state=PRIVATE, files=[("附件.pdf", PDF)], name="draft0001"
        )
    return f"/announcements/{name}/"


@pytest.mark.parametrize("representation", ["html", "json", "download"])
@pytest.mark.parametrize("role", ["anonymous", OWNER, REVIEWER, HANDLER])
def test_a_draft_announcement_answers_as_a_missing_one(portal, draft, representation, role):
    """Where missing objects answer 404 to everyone (a public container), a hidden one
    answers that 404 to visitors too, not the login redirect."""
    client = portal[1][role]
    url = draft
    if representation == "download":
        page = portal[1][EDITOR].get(draft)
        url = path(page.html.select_one("section.attachments a")["href"])
    missing = url.replace("draft0001", flipped("draft0001"))
    headers = HEADERS[representation]
    res = client.get(url, headers=headers, status=404)
    assert answer(res) == answer(client.get(missing, headers=headers, status="*"), url, missing)
    assert "未发布的矩阵公告" not in res.text and PDF not in res.body
