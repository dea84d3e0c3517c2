"""A form body that can't be read is refused with 400, and nothing is filed."""

from tests.functional.filings.support import ITEM_COMPLETE, login


def test_a_truncated_upload_is_a_bad_request_and_files_nothing(client, filing_wsgi_app, open_root):
    app = login(client(), "acme")
    body = (
        '--b\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n'
        f"{app.csrf_token}\r\n"
        '--b\r\nContent-Disposition: form-data; name="upload"; filename="a.pdf"\r\n\r\n%PDF-1.'
    ).encode()
    res = app.request(
        ITEM_COMPLETE + "apply",
        method="POST",
        body=body,
        headers={"Content-Type": "multipart/form-data; boundary=b"},
        expect_errors=True,
    )
    assert res.status_int == 400
    assert "表单无法读取" in res.text and "未保存任何内容" in res.text
    with open_root(filing_wsgi_app) as root:
        assert len(root["filings"]) == 0
