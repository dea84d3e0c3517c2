"""Materials are judged by what is inside their container, not only by its first bytes."""

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
