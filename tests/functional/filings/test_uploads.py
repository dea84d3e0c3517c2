"""Bad uploads come back with a message naming the file; good ones are kept, for their owner."""

import pytest
from webtest import Upload

from tests.functional.filings.support import (
    ITEM_COMPLETE,
    fill_apply,
    login,
    main_text,
    pdf,
    required_uploads,
)
from tests.unit.filings import samples

MB = 1024 * 1024


@pytest.fixture
def filing_settings(blob_settings):
    return {
        **blob_settings,
        "portal.clock": "ningxia_portal.core.clock.FrozenClock",
        "portal.upload_max_bytes": str(MB),
        "portal.upload_max_files": "5",
    }


def apply_with(client, files, description="申请说明保留"):
    app = login(client(), "acme")
    form = app.get(ITEM_COMPLETE + "apply").forms["apply"]
    fill_apply(form, files, description=description)
    res = form.submit("submit")
    # pyramid_retry spools a large body to a temp file (to replay it) that webob never
    # closes; the server's worker would, so the test does.
    res.request.environ["wsgi.input"].close()
    return app, res


def assert_back_with(res, message, open_root, wsgi_app):
    assert res.status_int == 200
    assert message in main_text(res)
    assert res.forms["apply"]["description"].value == "申请说明保留"
    assert res.forms["apply"]["phone"].value == "13995000001"
    with open_root(wsgi_app) as root:
        assert len(root["filings"]) == 0


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (Upload("空.pdf", b"", "application/pdf"), "文件“空.pdf”是空文件"),
        (
            Upload("大.pdf", samples.PDF + b"0" * MB, "application/pdf"),
            "文件“大.pdf”超过 1 MB 的大小限制",
        ),
        (
            Upload("setup.pdf", samples.EXE, "application/pdf"),
            "文件“setup.pdf”的类型不被接受：只能上传 PDF、JPEG、PNG、Word 和 Excel 文件",
        ),
        (
            Upload("营业执照.exe", samples.PDF, "application/octet-stream"),
            "文件“营业执照.exe”的内容与扩展名不符",
        ),
    ],
)
def test_a_bad_file_is_named_and_the_good_ones_are_kept(
    client, open_root, filing_wsgi_app, bad, message
):
    files = required_uploads()
    files[1] = bad
    app, res = apply_with(client, files)
    assert_back_with(res, message, open_root, filing_wsgi_app)
    text = main_text(res)
    for kept in ("材料1.pdf", "材料3.pdf", "材料4.pdf"):
        assert kept in text
    # Only the bad slot needs a new file; the kept ones go along with the form.
    form = res.forms["apply"]
    form.fields["upload"][1].value = [pdf("营业执照.pdf")]
    res = form.submit("submit")
    assert res.status_int == 303
    with open_root(filing_wsgi_app) as root:
        filing = next(iter(root["filings"].values()))
        assert sorted(f.filename for f in filing.files) == [
            "材料1.pdf",
            "材料3.pdf",
            "材料4.pdf",
            "营业执照.pdf",
        ]


def test_a_path_in_the_file_name_is_dropped(client, open_root, filing_wsgi_app):
    files = required_uploads()
    files[0] = pdf("../../name.pdf")
    _, res = apply_with(client, files)
    assert res.status_int == 303
    with open_root(filing_wsgi_app) as root:
        filing = next(iter(root["filings"].values()))
        assert filing.files[0].filename == "name.pdf"


def test_office_and_image_files_are_accepted_by_content(client, open_root, filing_wsgi_app):
    files = {
        0: Upload("申请书.docx", samples.DOCX, "application/octet-stream"),
        1: Upload("营业执照.jpg", samples.JPEG, "image/jpeg"),
        2: Upload("布局.png", samples.PNG, "image/png"),
        3: Upload("制度.xlsx", samples.XLSX, "text/plain"),
    }
    _, res = apply_with(client, files)
    assert res.status_int == 303
    with open_root(filing_wsgi_app) as root:
        filing = next(iter(root["filings"].values()))
        assert [f.mimetype for f in filing.files] == [
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "image/jpeg",
            "image/png",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ]


def test_too_many_files_are_refused(client, open_root, filing_wsgi_app):
    files = required_uploads()
    files[4] = pdf("自动售货设备.pdf")
    files[5] = pdf("授权委托书.pdf")
    _, res = apply_with(client, files)
    assert_back_with(res, "一次申报最多上传 5 个文件，请删除部分文件", open_root, filing_wsgi_app)


def test_kept_uploads_belong_to_their_uploader_and_expire(
    client, open_root, filing_wsgi_app, clock
):
    files = required_uploads()
    files[1] = Upload("坏.pdf", samples.EXE, "application/pdf")
    _, res = apply_with(client, files)
    fields = [*res.forms["apply"].submit_fields(), ("submit", "submit")]
    # Another enterprise replaying those fields (the hidden uids) gets none of the files.
    other = login(client(), "other")
    replay = [(k, other.csrf_token if k == "csrf_token" else v) for k, v in fields]
    res2 = other.post(ITEM_COMPLETE + "apply", params=replay, content_type="multipart/form-data")
    assert res2.status_int == 200 and "请上传“食品经营许可申请书”" in main_text(res2)
    assert "材料1.pdf" not in main_text(res2)
    # After the stash expires (the session too), the owner must upload again as well.
    clock.advance(hours=25)
    owner = login(client(), "acme")
    replay = [(k, owner.csrf_token if k == "csrf_token" else v) for k, v in fields]
    res3 = owner.post(ITEM_COMPLETE + "apply", params=replay, content_type="multipart/form-data")
    assert res3.status_int == 200 and "请上传“食品经营许可申请书”" in main_text(res3)
    with open_root(filing_wsgi_app) as root:
        assert len(root["filings"]) == 0
