"""Editors write, publish, edit and retract announcements through the real forms."""

import time

import pytest
import webtest

from ningxia_portal.accounts.resources import KIND_STAFF
from ningxia_portal.announcements.workflow import PENDING, PRIVATE, PUBLISHED, RETRACTED
from tests.conftest import create_user, login
from tests.functional.announcements.conftest import add_announcement
from tests.functional.announcements.payloads import PAYLOADS, assert_inert

STAFF = {
    "portal_editor": {"roles": ("editor",)},
    "yinchuan_editor": {"roles": (), "grants": (("editor", "640100"),)},
    "xingqing_editor": {"roles": (), "grants": (("editor", "640104"),)},
    "yc_reviewer": {"roles": (), "grants": (("reviewer", "640100"),)},
    "boss": {"roles": ("admin",)},
}


def make_people(wsgi_app):
    for username, spec in STAFF.items():
        create_user(wsgi_app, username, kind=KIND_STAFF, title=username, **spec)
    create_user(wsgi_app, "qiye", title="宁夏塞上粮油有限公司")

    def make(username):
        testapp = webtest.TestApp(wsgi_app)
        if username:
            login(testapp, username, f"{username}1234")
        return testapp

    return make


@pytest.fixture
def people(demo_wsgi_app):
    """``people("yinchuan_editor")``: a TestApp logged in as that account; None: anonymous."""
    return make_people(demo_wsgi_app)


def token(testapp):
    """The session's CSRF token, from the header's logout form."""
    return testapp.get("/").forms["header-logout"]["csrf_token"].value


def fill(form, title, scope, body="正文内容", summary="摘要内容", category="通知公告"):
    form["title"] = title
    form["summary"] = summary
    form["body"] = body
    form["category"] = category
    form["scope"] = scope
    return form


def find(root, title):
    found = [a for a in root["announcements"].values() if a.title == title]
    return found[0] if found else None


def test_editor_writes_publishes_and_the_public_reads(people, demo_wsgi_app, open_root):
    editor, visitor = people("portal_editor"), people(None)
    form = editor.get("/announcements/").click(description="新建公告").forms["announcement"]
    title = "关于开展2026年度企业年报公示工作的通知"
    fill(form, title, "all", body="请于**6月30日前**完成年报。")
    page = form.submit("save").follow()
    assert "草稿已保存" in page.text and page.html.h1.text == title
    assert "草稿" in page.html.select_one(".state").text
    url = page.request.url
    assert title not in visitor.get("/announcements/").text
    visitor.get(url, status=404)
    assert title in editor.get("/announcements/@@manage").text

    page = page.forms["transition"].submit("submit").follow()
    assert "待审核" in page.html.select_one(".state").text
    visitor.get(url, status=404)
    page = page.forms["transition"].submit("publish").follow()
    assert "已发布" in page.html.select_one(".state").text
    assert title not in editor.get("/announcements/@@manage").text  # no longer a draft

    read = visitor.get("/announcements/").click(description=title)
    assert read.html.select_one(".announcement-body strong").text == "6月30日前"
    assert read.html.select_one(".editor-tools") is None
    assert title in visitor.get("/announcements/feed.atom").text
    assert title in visitor.get("/").html.select_one(".latest-announcements").text
    with open_root(demo_wsgi_app) as root:
        a = find(root, title)
        history = [(e.actor, e.from_state, e.to_state) for e in a.workflow_history]
        assert history == [
            ("portal_editor", PRIVATE, PENDING),
            ("portal_editor", PENDING, PUBLISHED),
        ]
        assert a.author == "portal_editor" and a.published is not None


def test_bad_input_comes_back_with_values_kept(people, demo_wsgi_app, open_root):
    editor = people("portal_editor")
    form = editor.get("/announcements/@@add").forms["announcement"]
    fill(form, "x", "640100", body="保留的正文")
    res = form.submit("save")
    assert res.status_int == 200
    again = res.forms["announcement"]
    assert again["body"].value == "保留的正文" and again["scope"].value == "640100"
    assert res.html.select(".invalid-feedback, .help-block.error, .error-msg") or "最小" in res.text
    with open_root(demo_wsgi_app) as root:
        assert find(root, "x") is None


def test_preview_shows_sanitised_html_and_saves_nothing(people, demo_wsgi_app, open_root):
    editor = people("portal_editor")
    form = fill(
        editor.get("/announcements/@@add").forms["announcement"],
        "预览中的公告",
        "all",
        body="**粗体** <script>alert(1)</script> [链接](javascript:alert(1))",
    )
    res = form.submit("preview")
    preview = res.html.select_one(".announcement-preview .announcement-body")
    assert preview.strong.text == "粗体"
    assert_inert(preview)
    assert res.forms["announcement"]["title"].value == "预览中的公告"
    with open_root(demo_wsgi_app) as root:
        assert find(root, "预览中的公告") is None


def test_xss_typed_into_the_form_is_stored_and_shown_inert(people, demo_wsgi_app, open_root):
    editor, visitor = people("portal_editor"), people(None)
    body = "\n\n".join(["开头", *PAYLOADS, "结尾"])
    form = fill(editor.get("/announcements/@@add").forms["announcement"], "载荷合集", "all", body)
    page = form.submit("save").follow()
    page.forms["transition"].submit("publish").follow()
    with open_root(demo_wsgi_app) as root:
        a = find(root, "载荷合集")
        stored = a.body_html
        name = a.__name__
        assert a.body == body  # the editor's source is kept as typed
    from bs4 import BeautifulSoup

    assert_inert(BeautifulSoup(stored, "html.parser"))
    res = visitor.get(f"/announcements/{name}/")
    assert_inert(res.html.select_one(".announcement-body"))
    assert "开头" in res.text and "结尾" in res.text


def test_center_editor_publishes_only_for_that_center(people, demo_wsgi_app, open_root):
    editor = people("yinchuan_editor")
    form = editor.get("/announcements/@@add").forms["announcement"]
    assert [o[0] for o in form["scope"].options] == ["640100"]
    for forged in ("all", "640104", "640000"):
        form = editor.get("/announcements/@@add").forms["announcement"]
        fill(form, f"越权{forged}", "640100")
        form["scope"].force_value(forged)
        res = form.submit("save")
        assert res.status_int == 200 and "越权" in res.forms["announcement"]["title"].value
        with open_root(demo_wsgi_app) as root:
            assert find(root, f"越权{forged}") is None
    form = fill(editor.get("/announcements/@@add").forms["announcement"], "银川市通知", "640100")
    page = form.submit("save").follow()
    page.forms["transition"].submit("publish").follow()
    with open_root(demo_wsgi_app) as root:
        assert find(root, "银川市通知").state == PUBLISHED


def test_editors_desk_lists_only_what_the_editor_may_work_on(people, demo_wsgi_app, arrange):
    with arrange(demo_wsgi_app) as root:
        add_announcement(root, "银川草稿", state=PRIVATE, scope="640100")
        add_announcement(root, "兴庆待审", state=PENDING, scope="640104")
        add_announcement(root, "全区草稿", state=PRIVATE)
    rows = people("yinchuan_editor").get("/announcements/@@manage").html.select(".manage-table a")
    assert [a.text for a in rows] == ["银川草稿"]
    desk = people("portal_editor").get("/announcements/@@manage")
    shown = {a.text for a in desk.html.select(".manage-table a")}
    assert shown == {"银川草稿", "兴庆待审", "全区草稿"}
    assert people("qiye").get("/announcements/@@manage", status=403)
    assert people("yc_reviewer").get("/announcements/@@add", status=403)
    anonymous = people(None).get("/announcements/@@add", status=302)
    assert "/login" in anonymous.location


TRANSITION_STEPS = [
    (PRIVATE, "submit", PENDING),
    (PENDING, "reject", PRIVATE),
    (PRIVATE, "publish", PUBLISHED),
    (PENDING, "publish", PUBLISHED),
    (PUBLISHED, "retract", RETRACTED),
    (RETRACTED, "redraft", PRIVATE),
]


@pytest.mark.parametrize(
    ("who", "scope", "allowed"),
    [
        (None, "640100", False),
        ("qiye", "640100", False),
        ("yc_reviewer", "640100", False),
        ("xingqing_editor", "640100", False),
        ("yinchuan_editor", "", False),
        ("yinchuan_editor", "640104", False),
        ("yinchuan_editor", "640100", True),
        ("portal_editor", "640100", True),
        ("portal_editor", "", True),
        ("boss", "", True),
    ],
)
def test_each_transition_allowed_or_refused_by_role(
    people, demo_wsgi_app, arrange, open_root, who, scope, allowed
):
    testapp = people(who)
    params = {"comment": "理由", "revision": "0"}  # a new announcement's, as its form says
    if who:
        params["csrf_token"] = token(testapp)
    for n, (start, transition, end) in enumerate(TRANSITION_STEPS):
        with arrange(demo_wsgi_app) as root:
            name = add_announcement(root, f"流转{n}", state=start, scope=scope)
        res = testapp.post(
            f"/announcements/{name}/@@transition", {**params, transition: "1"}, status="*"
        )
        with open_root(demo_wsgi_app) as root:
            state = root["announcements"][name].state
        if allowed:
            assert (res.status_int, state) == (302, end), transition
        else:
            assert state == start, transition
            if res.status_int == 302:  # anonymous, on a published one: asked to log in
                assert who is None and "/login?" in res.location
            else:
                assert res.status_int in (403, 404), (transition, res.status)


def test_retracting_needs_a_reason_and_is_recorded(people, demo_wsgi_app, arrange, open_root):
    with arrange(demo_wsgi_app) as root:
        name = add_announcement(root, "将撤回", scope="640100")
    editor = people("yinchuan_editor")
    page = editor.get(f"/announcements/{name}/")
    page = page.forms["transition"].submit("retract").follow()
    assert "请在意见中说明原因" in page.text
    form = page.forms["transition"]
    form["comment"] = "政策已废止"
    page = form.submit("retract").follow()
    assert "已撤回" in page.text
    assert "政策已废止" in page.html.select_one(".history").text
    people(None).get(f"/announcements/{name}/", status=404)
    with open_root(demo_wsgi_app) as root:
        entry = root["announcements"][name].workflow_history[-1]
        assert (entry.actor, entry.to_state, entry.comment) == (
            "yinchuan_editor",
            RETRACTED,
            "政策已废止",
        )


def test_post_without_csrf_token_changes_nothing(people, demo_wsgi_app, arrange, open_root):
    with arrange(demo_wsgi_app) as root:
        name = add_announcement(root, "无令牌", state=PRIVATE)
    editor = people("portal_editor")
    editor.post(f"/announcements/{name}/@@transition", {"publish": "1"}, status=400)
    with open_root(demo_wsgi_app) as root:
        assert root["announcements"][name].state == PRIVATE


def test_a_transition_from_a_page_someone_changed_meanwhile_is_refused(
    people, demo_wsgi_app, arrange, open_root
):
    """Editor A reads a pending announcement; B sends it back to draft and edits it; A's
    "publish" (possible from a draft too) must not publish what A never saw."""
    with arrange(demo_wsgi_app) as root:
        name = add_announcement(root, "并发审核", state=PENDING, scope="640100")
    url = f"/announcements/{name}/"
    first, second = people("portal_editor"), people("yinchuan_editor")
    seen_by_first = first.get(url).forms["transition"]
    form = second.get(url).forms["transition"]
    form["comment"] = "措辞需修改"
    form.submit("reject").follow()
    page = seen_by_first.submit("publish").follow()
    assert "该公告刚刚被他人处理或修改，请查看最新状态后再操作" in page.text
    assert "草稿" in page.html.select_one(".state").text
    with open_root(demo_wsgi_app) as root:
        a = root["announcements"][name]
        assert a.state == PRIVATE and a.published is None
        assert [e.transition for e in a.workflow_history] == ["reject"]
    # an edit moves the revision on as well
    fresh = first.get(url).forms["transition"]
    edit = second.get(url + "@@edit").forms["announcement"]
    edit["body"] = "改过的正文内容"
    edit.submit("save").follow()
    page = fresh.submit("publish").follow()
    assert "该公告刚刚被他人处理或修改" in page.text
    page = first.get(url).forms["transition"].submit("publish").follow()  # on the new page
    assert "已发布" in page.html.select_one(".state").text
    with open_root(demo_wsgi_app) as root:
        a = root["announcements"][name]
        assert a.state == PUBLISHED and "改过的正文内容" in a.body


def test_a_transition_posted_without_the_revision_is_refused(
    people, demo_wsgi_app, arrange, open_root
):
    """The form always carries the revision: a POST without it (a page from before, a
    forged request) can't say what its sender saw, so it is refused like a stale one."""
    with arrange(demo_wsgi_app) as root:
        name = add_announcement(root, "无版本号", state=PENDING, scope="640100")
    editor = people("portal_editor")
    page = editor.post(
        f"/announcements/{name}/@@transition",
        {"csrf_token": token(editor), "publish": "1", "comment": ""},
    ).follow()
    assert "该公告刚刚被他人处理或修改，请查看最新状态后再操作" in page.text
    with open_root(demo_wsgi_app) as root:
        a = root["announcements"][name]
        assert a.state == PENDING and a.published is None


@pytest.mark.parametrize("button", ["preview", "save"])
def test_pathological_markdown_is_refused_at_the_field(button, people, demo_wsgi_app, open_root):
    # 10,000 "[" used to hold a worker for 15 s in the converter; now the form says why.
    editor = people("portal_editor")
    body = "[" * 10_000
    form = fill(editor.get("/announcements/@@add").forms["announcement"], "括号公告", "all", body)
    started = time.monotonic()
    res = form.submit(button)
    assert time.monotonic() - started < 1  # answered at once, not after the converter's 15 s
    assert res.status_int == 200
    assert res.forms["announcement"]["body"].value == body
    assert "方括号" in res.html.select_one("#item-" + res.forms["announcement"]["body"].id).text
    assert res.html.select_one(".announcement-preview") is None
    with open_root(demo_wsgi_app) as root:
        assert find(root, "括号公告") is None


def test_a_body_above_the_size_limit_is_refused(people, demo_wsgi_app, open_root):
    editor = people("portal_editor")
    body = "正" * 50_001
    form = fill(editor.get("/announcements/@@add").forms["announcement"], "超长公告", "all", body)
    res = form.submit("preview")
    assert "50000" in res.text and res.forms["announcement"]["body"].value == body
    with open_root(demo_wsgi_app) as root:
        assert find(root, "超长公告") is None
