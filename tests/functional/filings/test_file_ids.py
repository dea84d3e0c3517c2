"""A draft's file ids are never reused: each link downloads, and each box removes, its own file."""

from tests.functional.filings.support import ITEM_COMPLETE, fill_apply, login, pdf
from tests.unit.filings import samples


def file_links(page):
    """{file name: href} of the material links on the case page."""
    return {a.get_text(strip=True): a["href"] for a in page.html.select("main a[href*='/file/']")}


def draft_with_two_files(client):
    app = login(client(), "acme")
    form = app.get(ITEM_COMPLETE + "apply").forms["apply"]
    fill_apply(
        form,
        {0: pdf("one.pdf", samples.PDF + b"%ONE"), 1: pdf("two.pdf", samples.PDF + b"%TWO")},
    )
    res = form.submit("save")
    assert res.status_int == 303
    return app, res.location.replace("http://localhost", "")


def remove_box(form, filename):
    """The draft form's "remove" checkbox whose label names ``filename``."""
    for box in form.fields["checkbox"]:
        label = form.html.find("label", attrs={"for": box.id})
        if label is not None and filename in label.get_text():
            return box
    raise AssertionError(f"no remove box for {filename}")


def test_a_file_added_after_a_removal_gets_a_new_id_and_downloads_itself(
    client, open_root, filing_wsgi_app
):
    app, url = draft_with_two_files(client)
    form = app.get(url + "edit").forms["apply"]
    remove_box(form, "one.pdf").checked = True
    form.fields["upload"][2].value = [pdf("three.pdf", samples.PDF + b"%THREE")]
    assert form.submit("save").status_int == 303

    links = file_links(app.get(url))
    assert set(links) == {"two.pdf", "three.pdf"}
    assert links["two.pdf"] != links["three.pdf"]
    assert app.get(links["two.pdf"]).body.endswith(b"%TWO")
    assert app.get(links["three.pdf"]).body.endswith(b"%THREE")
    with open_root(filing_wsgi_app) as root:
        filing = root["filings"][url.strip("/").split("/")[-1]]
        ids = [f.file_id for f in filing.files]
        assert len(set(ids)) == len(ids) == 2
        assert "1" not in ids  # the removed file's id is not handed out again


def test_removing_the_newer_file_keeps_the_older_one(client, open_root, filing_wsgi_app):
    app, url = draft_with_two_files(client)
    form = app.get(url + "edit").forms["apply"]
    remove_box(form, "one.pdf").checked = True
    form.fields["upload"][2].value = [pdf("three.pdf", samples.PDF + b"%THREE")]
    form.submit("save")

    form = app.get(url + "edit").forms["apply"]
    remove_box(form, "three.pdf").checked = True
    form.submit("save")
    links = file_links(app.get(url))
    assert list(links) == ["two.pdf"]
    assert app.get(links["two.pdf"]).body.endswith(b"%TWO")
