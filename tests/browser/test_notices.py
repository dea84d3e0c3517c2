"""Each kind of notice in a real browser: printed to A4 by Chromium on one page, its QR code
scanned back to the verification address, which says the notice is genuine."""

import io

import pypdf
import pytest
import webtest
import zxingcpp
from PIL import Image

from tests.browser.conftest import demo_server_with_blobs, log_in
from tests.functional.filings.support import (
    ITEM_COMPLETE,
    clear_filings,
    login,
    submit_filing,
    take,
)

KINDS = {}  # kind -> case URL, filled by ``prepare``


def prepare(app):
    """The demo enterprise's cases with every kind of notice, through the real forms."""
    clear_filings(app)
    client = lambda: webtest.TestApp(app)  # noqa: E731 - what submit_filing takes
    staff = login(client(), "reviewer")
    _, done = submit_filing(client, ITEM_COMPLETE, username="enterprise")
    for name in ("prereview", "accept", "complete"):
        take(staff, done, name, comment="经审查，材料齐全。")
    _, returned = submit_filing(client, ITEM_COMPLETE, username="enterprise")
    take(staff, returned, "return", comment="请补充营业执照副本")
    _, rejected = submit_filing(client, ITEM_COMPLETE, username="enterprise")
    take(staff, rejected, "reject", comment="不属于本部门受理范围")
    KINDS.update(acceptance=done, completion=done, supplement=returned, refusal=rejected)


@pytest.fixture
def live_server(tmp_path):
    with demo_server_with_blobs(tmp_path, prepare) as url:
        yield url


def test_each_notice_prints_on_one_a4_page_and_its_qr_verifies(page):
    log_in(page, "enterprise")
    for kind, case_url in KINDS.items():
        case_no = case_url.rstrip("/").rsplit("/", 1)[-1]
        page.goto(f"{case_url}notices/{kind}")
        code = page.locator(".notice-code").inner_text()

        printed = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
        assert len(printed.pages) == 1, kind
        assert case_no in printed.pages[0].extract_text()
        # The screen shows the toolbar, printing hides it.
        assert page.locator(".notice-toolbar").is_visible()
        page.emulate_media(media="print")
        assert not page.locator(".notice-toolbar").is_visible()
        page.emulate_media(media="no-override")

        shot = Image.open(io.BytesIO(page.locator(".notice-qr").screenshot()))
        found = zxingcpp.read_barcodes(shot)
        assert [b.format for b in found] == [zxingcpp.BarcodeFormat.QRCode], kind
        url = found[0].text
        assert url.endswith(f"/verify/{code}") and url.startswith("http://127.0.0.1:")

        page.goto(url)
        assert "真实有效" in page.locator(".verdict").inner_text()
        assert case_no in page.locator("dl").inner_text()
