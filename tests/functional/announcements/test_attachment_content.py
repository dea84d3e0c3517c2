"""Attachments are judged by what is inside their container, not only by its first bytes."""

from tests.functional.announcements.test_attachments import draft_form, editor_on
from tests.unit.filings import containers


def try_attach(wsgi_app, filename, data):
    form = draft_form(editor_on(wsgi_app), title="容器检查")
    form.set("upload", (filename, data), index=0)
    return form.submit("save")


def test_a_docx_with_thousands_of_entries_is_refused(blob_wsgi_app, open_root):
    res = try_attach(blob_wsgi_app, "申请表.docx", containers.crowded_docx())
    assert res.status_int == 200 and "该文件的内容不是 DOCX 文件" in res.text
    with open_root(blob_wsgi_app) as root:
        assert not [a for a in root["announcements"].values() if a.title == "容器检查"]
