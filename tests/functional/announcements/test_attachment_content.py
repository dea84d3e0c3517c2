"""Attachments are judged by what is inside their container, not only by its first bytes."""

import pytest

from tests.functional.announcements.test_attachments import draft_form, editor_on
from tests.unit.announcements import filesamples as s
from tests.unit.filings import containers


def try_attach(wsgi_app, filename, data):
    """(editor, response) of saving a draft with this attachment through the real form."""
    editor = editor_on(wsgi_app)
    form = draft_form(editor, title="容器检查")
    form.set("upload", (filename, data), index=0)
    res = form.submit("save")
    # A large body is spooled to a temporary file the server's worker would close.
    res.request.environ["wsgi.input"].close()
    return editor, res


def test_a_docx_with_thousands_of_entries_is_refused(blob_wsgi_app, open_root):
    _editor, res = try_attach(blob_wsgi_app, "申请表.docx", containers.crowded_docx())
    assert res.status_int == 200 and "该文件的内容不是 DOCX 文件" in res.text
    with open_root(blob_wsgi_app) as root:
        assert not [a for a in root["announcements"].values() if a.title == "容器检查"]


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("报表.xls", containers.OLE2_BOOK_EXE, "该文件的内容不是 XLS 文件"),
        ("安装包.xls", containers.MSI, "该文件的内容不是 XLS 文件"),
        ("申请表.docx", containers.MACRO_DOCX, "该文件的内容不是 DOCX 文件"),
        ("申请表.docx", containers.TRAVERSAL_DOCX, "该文件的内容不是 DOCX 文件"),
    ],
)
def test_containers_with_payloads_are_refused(blob_wsgi_app, open_root, filename, data, message):
    _editor, res = try_attach(blob_wsgi_app, filename, data)
    assert res.status_int == 200 and message in res.text
    assert res.forms["announcement"]["title"].value == "容器检查"
    with open_root(blob_wsgi_app) as root:
        assert not [a for a in root["announcements"].values() if a.title == "容器检查"]


def test_a_real_xls_is_attached_and_served_as_excel(blob_wsgi_app):
    editor, res = try_attach(blob_wsgi_app, "统计表.xls", containers.XLS)
    page = res.follow()
    link = page.html.select_one(".attachments a")
    assert link.text == "统计表.xls"
    download = editor.get(link["href"])
    assert download.content_type == "application/vnd.ms-excel"
    assert download.body == containers.XLS


def test_a_right_to_left_override_does_not_survive_in_the_name(blob_wsgi_app, open_root):
    _editor, res = try_attach(blob_wsgi_app, "\u202egnp.pdf", s.PDF)
    page = res.follow()
    assert [a.text for a in page.html.select(".attachments a")] == ["gnp.pdf"]
    assert "\u202e" not in page.text
    with open_root(blob_wsgi_app) as root:
        a = next(a for a in root["announcements"].values() if a.title == "容器检查")
        assert [f.filename for f in a.attachments()] == ["gnp.pdf"]
