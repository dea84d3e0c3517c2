"""A notice as an A4 official document, and as a PDF of the same content."""

import io
import re

import pypdf

from tests.functional.filings.support import ITEM_COMPLETE, login, submit_filing, take
from tests.functional.notices.conftest import case_no

CODE = re.compile(r"^(640100-20260302-\d{6})-([ARSC])(-[0-9A-HJKMNP-TV-Z]{4}){4}$")


def test_the_page_is_an_official_document(client, cases):
    page = login(client(), "acme").get(cases["completed"] + "notices/acceptance")
    html = page.html
    assert html.select_one(".notice-issuer").get_text(strip=True) == "银川市市场监督管理局"
    assert html.h1.get_text(strip=True) == "受理通知书"
    number = case_no(cases["completed"])
    assert html.select_one(".notice-number").get_text(strip=True) == f"办件编号：{number}"
    assert html.select_one(".notice-addressee").get_text(strip=True) == (
        "宁夏阿克米食品有限公司（统一社会信用代码 91640104MA76AB0C8B）："
    )
    body = html.select_one(".notice-body").get_text(" ", strip=True)
    assert "决定予以受理" in body and "2026-03-09" in body
    footer = [p.get_text(strip=True) for p in html.select(".notice-footer p")]
    assert footer == ["银川市市场监督管理局", "银川市政务服务中心", "2026-03-02"]
    # The print stylesheet: A4 with the standard's margins, a CJK serif stack, the red issuer.
    style = html.style.string
    assert "@page { size: A4; margin: 37mm 26mm 35mm 28mm; }" in style
    assert '"FangSong", "仿宋", "STFangsong", "SimSun", "Noto Serif CJK SC"' in style
    assert "#c00000" in style and ".no-print { display: none !important; }" in style
    # No header, navigation or footer of the portal; the toolbar is hidden in print.
    assert html.select(".site-header, .site-footer, .breadcrumbs") == []
    toolbar = html.select_one(".notice-toolbar")
    assert "no-print" in toolbar["class"]
    assert [e.get_text(strip=True) for e in toolbar.select("button, a")] == [
        "打印",
        "下载PDF",
        "返回",
    ]


def test_no_cache_keeps_the_page_of_a_notice(client, cases):
    page = login(client(), "acme").get(cases["completed"] + "notices/completion")
    assert page.html.h1.get_text(strip=True) == "办结通知书"
    assert page.headers["Cache-Control"] == "private, no-store"


def test_every_notice_carries_its_code_and_qr(client, cases):
    owner = login(client(), "acme")
    for kind, url in (
        ("acceptance", cases["completed"]),
        ("completion", cases["completed"]),
        ("supplement", cases["returned"]),
        ("refusal", cases["rejected"]),
    ):
        html = owner.get(url + f"notices/{kind}").html
        code = html.select_one(".notice-code").get_text(strip=True)
        found = CODE.match(code)
        assert found and found.group(1) == case_no(url), code
        assert found.group(2) == kind[0].upper()
        verify = html.select_one(".notice-verify-url").get_text(strip=True)
        assert verify == f"http://localhost/verify/{code}"
        svg = html.select_one(".notice-qr svg")
        assert svg is not None and svg.title.get_text() == "核验地址二维码"
        assert "viewbox" in svg.attrs


def test_the_supplement_notice_lists_what_to_bring(client, cases):
    text = login(client(), "rev").get(cases["returned"] + "notices/supplement").html
    body = text.select_one(".notice-body").get_text(" ", strip=True)
    assert "一次性补正" in body and "请补充营业执照副本" in body


def pdf_pages(res):
    reader = pypdf.PdfReader(io.BytesIO(res.body))
    return [
        (float(p.mediabox.width), float(p.mediabox.height), p.extract_text()) for p in reader.pages
    ]


def test_the_pdf_is_one_a4_page_with_the_same_content(client, cases):
    owner = login(client(), "acme")
    for kind, url in (
        ("acceptance", cases["completed"]),
        ("completion", cases["completed"]),
        ("supplement", cases["returned"]),
        ("refusal", cases["rejected"]),
    ):
        res = owner.get(url + f"notices/{kind}.pdf")
        assert res.content_type == "application/pdf" and res.body.startswith(b"%PDF-")
        assert res.headers["Cache-Control"] == "private, no-store"
        disposition = res.headers["Content-Disposition"]
        assert disposition.startswith("attachment; ")
        assert "filename*=UTF-8''" in disposition and disposition.endswith(f"-{case_no(url)}.pdf")
        pages = pdf_pages(res)
        assert len(pages) == 1
        width, height, text = pages[0]
        assert (round(width), round(height)) == (595, 842)
        assert case_no(url) in text and "宁夏阿克米食品有限公司" in text
        page_code = owner.get(url + f"notices/{kind}").html.select_one(".notice-code").text
        assert page_code in text


def test_the_pdf_has_the_page_permission(client, cases):
    url = cases["completed"] + "notices/acceptance.pdf"
    for username in ("rev", "centerrev", "admin1"):
        assert login(client(), username).get(url).body.startswith(b"%PDF-")
    for username in ("other", "swrev", "editor1", "garev"):
        res = login(client(), username).get(url, status=404)
        assert not res.body.startswith(b"%PDF-")
    assert "/login" in client().get(url, status=302).location
    owner = login(client(), "acme")
    owner.get(cases["returned"] + "notices/acceptance.pdf", status=404)  # not accepted
    owner.get(cases["completed"] + "notices/nonsense.pdf", status=404)
    owner.get(cases["completed"] + "notices/acceptance.pdf/x", status=404)


def test_a_long_return_still_prints(client, cases):
    """A reviewer's long comment flows on: the PDF never loses it."""
    comment = "请补正：" + "营业执照副本需加盖公章，" * 40
    _, url = submit_filing(client, ITEM_COMPLETE)
    take(login(client(), "rev"), url, "return", comment=comment)
    pages = pdf_pages(login(client(), "acme").get(url + "notices/supplement.pdf"))
    assert 1 <= len(pages) <= 2
    assert "营业执照副本需加盖公章" in "".join(text for _w, _h, text in pages)


def test_a_refusal_is_titled_by_when_it_came(client, cases):
    """A case rejected before acceptance gets 不予受理通知书; one refused after it 不予许可通知书,
    on the page, the case page's link, the list and the verification page alike."""
    owner = login(client(), "acme")
    page = owner.get(cases["rejected"] + "notices/refusal").html
    assert page.h1.get_text(strip=True) == "不予受理通知书"
    body = page.select_one(".notice-body").get_text(" ", strip=True)
    assert "不予受理，理由如下" in body and "不属于本部门受理范围" in body and "行政复议" in body
    code = page.select_one(".notice-code").get_text(strip=True)
    verified = client().get(f"/verify/{code}").html.get_text(" ", strip=True)
    assert "不予受理通知书" in verified and "不予许可" not in verified

    _, refused = submit_filing(client, ITEM_COMPLETE)
    rev = login(client(), "rev")
    for name, comment in (("prereview", ""), ("accept", ""), ("refuse", "经现场核查不符合条件")):
        take(rev, refused, name, comment=comment)
    page = owner.get(refused + "notices/refusal").html
    assert page.h1.get_text(strip=True) == "不予许可通知书"
    assert "不予许可，理由如下" in page.select_one(".notice-body").get_text(" ", strip=True)
    links = [a.get_text(strip=True) for a in owner.get(refused).html.select(".notice-link")]
    assert "不予许可通知书" in links
    rows = owner.get("/notices/", params={"kind": "refusal"}).html.select("tr.notice-row")
    titles = sorted(r.select("td")[0].get_text(strip=True) for r in rows)
    assert titles == ["不予受理通知书", "不予许可通知书"]
    options = owner.get("/notices/").html.select("select[name=kind] option")
    assert "不予许可/不予受理通知书" in [o.get_text(strip=True) for o in options]
