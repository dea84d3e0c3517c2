"""The upload stash (files kept while a form comes back with errors) has a limit per uploader:
a forged form with dozens of extra files can't fill the blob storage."""

import pytest
from webtest import Upload

from tests.functional.filings.support import ITEM_COMPLETE, fill_apply, login, main_text, pdf
from tests.unit.filings import samples

LIMIT = 30  # portal.upload_max_files (default)


def forged_post(app, extra, prefix="f"):
    """The real apply form with ``extra`` more upload slots injected into material 0 and a
    bad phone number, so it comes back with errors (and deform stashes what it accepted)."""
    form = app.get(ITEM_COMPLETE + "apply").forms["apply"]
    fill_apply(form, {0: pdf("a.pdf")})
    form["phone"] = "bad"
    fields = list(form.submit_fields())
    end = next(i for i, (k, v) in enumerate(fields) if (k, v) == ("__end__", "upload:mapping"))
    injected = []
    for n in range(extra):
        upload = Upload(f"{prefix}{n}.pdf", samples.PDF, "application/pdf")
        injected += [("__start__", "upload:mapping"), ("upload", upload)]
        injected.append(("__end__", "upload:mapping"))
    fields[end + 1 : end + 1] = injected
    fields.append(("submit", "submit"))
    res = app.post(ITEM_COMPLETE + "apply", params=fields, content_type="multipart/form-data")
    res.request.environ["wsgi.input"].close()
    return res


def stash_of(root, username):
    return [e for e in root["filings"].uploads.values() if e.owner == username]


def test_a_forged_form_with_60_extra_files_stashes_at_most_the_limit(
    client, open_root, filing_wsgi_app
):
    app = login(client(), "acme")
    res = forged_post(app, 60)
    assert res.status_int == 200
    text = main_text(res)
    assert f"每项材料最多上传 {LIMIT} 个文件" in text
    kept = res.html.select(".kept-upload-name")
    assert len(kept) == LIMIT  # the other slots come back empty, not claiming a file
    with open_root(filing_wsgi_app) as root:
        assert len(stash_of(root, "acme")) == LIMIT
        assert len(root["filings"]) == 0

    forged_post(app, 60, prefix="g")  # again: the stash does not grow
    with open_root(filing_wsgi_app) as root:
        assert len(stash_of(root, "acme")) == LIMIT


def test_one_uploaders_full_stash_leaves_others_theirs(client, open_root, filing_wsgi_app):
    forged_post(login(client(), "acme"), 60)
    other = login(client(), "other")
    res = forged_post(other, 1)
    assert [k.get_text() for k in res.html.select(".kept-upload-name")] == ["a.pdf", "f0.pdf"]
    with open_root(filing_wsgi_app) as root:
        assert len(stash_of(root, "other")) == 2


class TestBytesCap:
    @pytest.fixture
    def filing_settings(self, blob_settings):
        return {
            **blob_settings,
            "portal.clock": "ningxia_portal.core.clock.FrozenClock",
            "portal.upload_stash_max_bytes": str(2 * len(samples.PDF)),
        }

    def test_files_beyond_the_uploaders_byte_share_are_not_kept(
        self, client, open_root, filing_wsgi_app
    ):
        res = forged_post(login(client(), "acme"), 2)
        assert [k.get_text() for k in res.html.select(".kept-upload-name")] == ["a.pdf", "f0.pdf"]
        with open_root(filing_wsgi_app) as root:
            assert sum(e.size for e in stash_of(root, "acme")) == 2 * len(samples.PDF)

    def test_a_file_kept_on_a_failed_form_is_filed_on_the_next_try(
        self, client, open_root, filing_wsgi_app
    ):
        app = login(client(), "acme")
        form = app.get(ITEM_COMPLETE + "apply").forms["apply"]
        fill_apply(form, {i: pdf(f"材料{i + 1}.pdf") for i in range(3)})
        form["phone"] = "bad"
        res = form.submit("save")
        # Two fit the share; the third slot comes back empty and asks for the file again.
        assert len(res.html.select(".kept-upload-name")) == 2
        form = res.forms["apply"]
        form["phone"] = "13995000001"
        form.fields["upload"][2].value = [pdf("材料3.pdf")]
        url = form.submit("save").location.replace("http://localhost", "")
        with open_root(filing_wsgi_app) as root:
            filing = root["filings"][url.strip("/").split("/")[-1]]
            assert sorted(f.filename for f in filing.files) == [
                "材料1.pdf",
                "材料2.pdf",
                "材料3.pdf",
            ]
            assert stash_of(root, "acme") == []
            assert not root["filings"].stash_owners
