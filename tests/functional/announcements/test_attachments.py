"""Attachments download as files, with the announcement's own permission (blob storage)."""

from urllib.parse import quote

import pytest

from ningxia_portal.announcements.workflow import PRIVATE
from tests.functional.announcements.conftest import add_announcement
from tests.unit.announcements import filesamples as s


def test_attachment_is_listed_and_downloads_as_a_file(blob_app, blob_wsgi_app, arrange):
    with arrange(blob_wsgi_app) as root:
        name = add_announcement(
            root, "附件测试通知", files=[("申请表（2026版）.docx", s.DOCX), ("../../x.pdf", s.PDF)]
        )
    page = blob_app.get(f"/announcements/{name}/")
    links = page.html.select(".attachments a")
    assert [a.text for a in links] == ["申请表（2026版）.docx", "x.pdf"]
    res = blob_app.get(links[0]["href"])
    assert res.body == s.DOCX
    assert res.content_type == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert res.headers["X-Content-Type-Options"] == "nosniff"
    disposition = res.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{quote('申请表（2026版）.docx', safe='')}" in disposition
    assert 'filename="2026.docx"' in disposition  # the ASCII fallback
    pdf = blob_app.get(links[1]["href"])
    assert pdf.content_type == "application/pdf" and pdf.body == s.PDF
    assert 'filename="x.pdf"' in pdf.headers["Content-Disposition"]
    data = blob_app.get(f"/announcements/{name}/", headers={"Accept": "application/json"}).json
    assert [(f["filename"], f["size"]) for f in data["attachments"]] == [
        ("申请表（2026版）.docx", len(s.DOCX)),
        ("x.pdf", len(s.PDF)),
    ]


def test_attachments_of_unpublished_announcements_are_not_found(blob_app, blob_wsgi_app, arrange):
    with arrange(blob_wsgi_app) as root:
        name = add_announcement(root, "内部草稿", state=PRIVATE, files=[("内部.pdf", s.PDF)])
    res = blob_app.get(f"/announcements/{name}/f1", status=404)
    assert s.PDF not in res.body and "内部" not in res.text
    assert "Content-Disposition" not in res.headers
    blob_app.get(f"/announcements/{name}/f2", status=404)


def test_unknown_attachment_is_not_found(blob_app, blob_wsgi_app, arrange):
    with arrange(blob_wsgi_app) as root:
        name = add_announcement(root, "无附件")
    assert "页面不存在" in blob_app.get(f"/announcements/{name}/f9", status=404).text


@pytest.fixture
def blob_settings(blob_settings):
    """Attachments up to 64 KiB, so an oversize file is cheap to make."""
    return {**blob_settings, "portal.attachment_max_bytes": str(64 * 1024)}


def editor_on(wsgi_app):
    from tests.functional.announcements.test_editing import make_people

    return make_people(wsgi_app)("portal_editor")


def draft_form(editor, title="带附件的公告"):
    form = editor.get("/announcements/@@add").forms["announcement"]
    form["title"] = title
    form["summary"] = "摘要"
    form["body"] = "正文"
    form["scope"] = "all"
    return form


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("大文件.pdf", s.PDF + b"0" * (64 * 1024), "文件超过 0.0625 MB"),
        ("通知.pdf", s.EXE, "该文件的内容不是 PDF 文件"),
        ("setup.exe", s.EXE, "仅接受 PDF、Word、Excel 和图片文件"),
        ("表格.xlsx", s.PDF, "该文件的内容不是 XLSX 文件"),
    ],
)
def test_bad_uploads_are_refused_at_their_field(blob_wsgi_app, open_root, filename, data, message):
    editor = editor_on(blob_wsgi_app)
    form = draft_form(editor)
    form.set("upload", (filename, data), index=0)
    res = form.submit("save")
    assert res.status_int == 200 and message in res.text
    assert "请重新选择文件" in res.text and res.forms["announcement"]["title"].value
    with open_root(blob_wsgi_app) as root:
        assert len(root["announcements"]) == 5  # the demo ones only: nothing half-written


def test_attachments_added_with_clean_names_and_removed_on_edit(blob_wsgi_app, open_root):
    editor = editor_on(blob_wsgi_app)
    form = draft_form(editor)
    form.set("upload", ("../../x.pdf", s.PDF), index=0)
    form.set("upload", ("C:\\Users\\张三\\申请表.docx", s.DOCX), index=1)
    page = form.submit("save").follow()
    assert [a.text for a in page.html.select(".attachments a")] == ["x.pdf", "申请表.docx"]
    assert editor.get(page.html.select(".attachments a")[1]["href"]).body == s.DOCX

    edit = page.click(description="编辑").forms["announcement"]
    edit.set("checkbox", True, index=0)  # remove x.pdf
    edit.set("upload", ("统计表.xlsx", s.XLSX), index=0)
    page = edit.submit("save").follow()
    assert [a.text for a in page.html.select(".attachments a")] == ["申请表.docx", "统计表.xlsx"]
    history = page.html.select_one(".history").text
    assert "附件" in history and "+统计表.xlsx" in history and "−x.pdf" in history
    editor.get(page.request.path + "f1", status=404)  # the removed file is gone
    with open_root(blob_wsgi_app) as root:
        a = next(a for a in root["announcements"].values() if a.title == "带附件的公告")
        assert [c.actor for c in a.changes] == ["portal_editor", "portal_editor"]
        assert a.changes[-1].fields == ("attachments",)
