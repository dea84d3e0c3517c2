"""A material's name can't pretend to another type: bidi and format characters are removed."""

from tests.functional.filings.support import ITEM_COMPLETE, fill_apply, login, pdf


def test_a_right_to_left_override_does_not_survive_in_the_name(client, open_root, filing_wsgi_app):
    app = login(client(), "acme")
    form = app.get(ITEM_COMPLETE + "apply").forms["apply"]
    fill_apply(form, {0: pdf("\u202egnp.pdf"), 1: pdf("合同\u2066\u200b.pdf")})
    url = form.submit("save").location.replace("http://localhost", "")
    page = app.get(url)
    names = [a.get_text() for a in page.html.select("main a[href*='/file/']")]
    assert names == ["gnp.pdf", "合同.pdf"]
    assert "\u202e" not in page.text and "\u2066" not in page.text
    download = app.get(page.html.select_one("main a[href*='/file/']")["href"])
    assert "\u202e" not in download.headers["Content-Disposition"]
    assert "%E2%80%AE" not in download.headers["Content-Disposition"]
    with open_root(filing_wsgi_app) as root:
        filing = root["filings"][url.strip("/").split("/")[-1]]
        assert [f.filename for f in filing.files] == ["gnp.pdf", "合同.pdf"]


def test_a_long_name_keeps_its_extension(client, open_root, filing_wsgi_app):
    long_name = "食品经营许可申请材料" * 20 + ".pdf"  # 204 characters
    app = login(client(), "acme")
    form = app.get(ITEM_COMPLETE + "apply").forms["apply"]
    fill_apply(form, {0: pdf(long_name)})
    res = form.submit("save")
    assert res.status_int == 303, res.html.select_one(".invalid-feedback, .error")
    url = res.location.replace("http://localhost", "")
    with open_root(filing_wsgi_app) as root:
        filing = root["filings"][url.strip("/").split("/")[-1]]
        (name,) = [f.filename for f in filing.files]
    assert len(name) == 120
    assert name.endswith(".pdf") and name.startswith("食品经营许可申请材料")
