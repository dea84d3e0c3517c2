"""Materials are judged by what is inside their container, not only by its first bytes."""

import pytest
from webtest import Upload

from tests.functional.filings.support import ITEM_COMPLETE, fill_apply, login, main_text
from tests.unit.filings import containers


def try_upload(client, filename, data):
    app = login(client(), "acme")
    form = app.get(ITEM_COMPLETE + "apply").forms["apply"]
    fill_apply(form, {0: Upload(filename, data, "application/octet-stream")})
    res = form.submit("save")
    res.request.environ["wsgi.input"].close()
    return res


def test_a_docx_with_thousands_of_entries_is_refused_by_name(client, open_root, filing_wsgi_app):
    res = try_upload(client, "申请书.docx", containers.crowded_docx())
    assert res.status_int == 200
    assert "文件“申请书.docx”的类型不被接受" in main_text(res)
    with open_root(filing_wsgi_app) as root:
        assert len(root["filings"]) == 0 and len(root["filings"].uploads) == 0


@pytest.mark.parametrize(
    ("filename", "data"),
    [
        ("报表.xls", containers.OLE2_BOOK_EXE),  # the review's "Book" + MZ compound file
        ("安装包.xls", containers.MSI),
        ("申请书.doc", containers.DOC_WITH_MACROS),
        ("申请书.docx", containers.MACRO_DOCX),
        ("申请书.docx", containers.TRAVERSAL_DOCX),
    ],
)
def test_containers_with_payloads_are_refused_by_name(
    client, open_root, filing_wsgi_app, filename, data
):
    res = try_upload(client, filename, data)
    assert res.status_int == 200
    assert f"文件“{filename}”的类型不被接受" in main_text(res)
    with open_root(filing_wsgi_app) as root:
        assert len(root["filings"]) == 0 and len(root["filings"].uploads) == 0


def test_real_word_and_excel_files_are_filed_and_served_as_such(client):
    app = login(client(), "acme")
    form = app.get(ITEM_COMPLETE + "apply").forms["apply"]
    files = {0: ("申请书.doc", containers.DOC), 1: ("营业执照.xls", containers.XLS)}
    fill_apply(form, {i: Upload(n, d, "application/octet-stream") for i, (n, d) in files.items()})
    res = form.submit("save")
    res.request.environ["wsgi.input"].close()
    url = res.location.replace("http://localhost", "")
    links = {a.get_text(strip=True): a["href"] for a in app.get(url).html.select("main a")}
    doc = app.get(links["申请书.doc"])
    assert doc.content_type == "application/msword" and doc.body == containers.DOC
    assert app.get(links["营业执照.xls"]).content_type == "application/vnd.ms-excel"
