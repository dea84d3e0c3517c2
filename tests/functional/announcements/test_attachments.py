"""Attachments download as files, with the announcement's own permission (blob storage)."""

from urllib.parse import quote

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
