"""Several files for one material: chosen at once in one input (``multiple``) and posted
with the form, or sent ahead one by one to ``/filings/@@stash`` (the page's script, which
shows their progress) and posted as ticked stash entries. The limits per material, per
filing and per file apply either way, with the message at the material."""

import pytest
from webtest import Upload

from ningxia_portal.core.clock import FrozenClock
from tests.functional.filings.support import (
    ITEM_COMPLETE,
    fill_apply,
    login,
    pdf,
    required_uploads,
    submit_filing,
    take,
)
from tests.unit.filings import samples

LIMIT = 8  # portal.upload_max_files in these tests
STASH = "/filings/@@stash"


@pytest.fixture
def filing_settings(blob_settings):
    return {
        **blob_settings,
        "portal.clock": f"{FrozenClock.__module__}.FrozenClock",
        "portal.upload_max_files": str(LIMIT),
    }


def material_error(res, index):
    """The text of the messages shown at material ``index`` of the form."""
    seq = res.html.select(".deform-seq")[index]
    item = seq.find_parent(class_="form-group") or seq.parent
    return " ".join(e.get_text(" ", strip=True) for e in item.select(".invalid-feedback, .error"))


def post_fields(app, fields, url=ITEM_COMPLETE + "apply", button="submit"):
    params = [*fields, (button, button)]
    res = app.post(url, params=params, content_type="multipart/form-data")
    res.request.environ["wsgi.input"].close()
    return res


def with_uids(fields, material, uids):
    """``fields`` with ``uids`` ticked in the first slot of ``material`` (what the script
    adds after sending the files ahead)."""
    fields, seen = list(fields), -1
    for i, (key, value) in enumerate(fields):
        if (key, value) == ("__start__", f"{material}:sequence"):
            seen = i
        if seen >= 0 and (key, value) == ("__start__", "uid:sequence"):
            fields[i + 1 : i + 1] = [("uid", uid) for uid in uids]
            return fields
    raise AssertionError(f"no material {material}")


def stash_of(root, username):
    return sorted(e.filename for e in root["filings"].uploads.values() if e.owner == username)


def test_one_input_takes_several_files_and_each_is_a_file_of_the_material(
    client, open_root, filing_wsgi_app
):
    app = login(client(), "acme")
    form = app.get(ITEM_COMPLETE + "apply").forms["apply"]
    assert all("multiple" in field.attrs for field in form.fields["upload"])
    fill_apply(form, {0: pdf("申请书.pdf")})
    form.fields["upload"][1].value = [pdf("营业执照-正本.pdf"), pdf("营业执照-副本.pdf")]
    res = form.submit("save")
    assert res.status_int == 303
    with open_root(filing_wsgi_app) as root:
        filing = next(iter(root["filings"].values()))
        assert [f.filename for f in filing.current_files(1)] == [
            "营业执照-正本.pdf",
            "营业执照-副本.pdf",
        ]
        assert [f.filename for f in filing.current_files(0)] == ["申请书.pdf"]


def test_more_files_than_a_material_may_hold_come_back_with_the_message_at_it(
    client, open_root, filing_wsgi_app
):
    app = login(client(), "acme")
    form = app.get(ITEM_COMPLETE + "apply").forms["apply"]
    fill_apply(form, {}, description="申请说明保留")
    form.fields["upload"][1].value = [pdf(f"营业执照-{n}.pdf") for n in range(LIMIT + 1)]
    res = form.submit("submit")
    res.request.environ["wsgi.input"].close()
    assert res.status_int == 200
    assert f"每项材料最多上传 {LIMIT} 个文件" in material_error(res, 1)
    assert f"每项材料最多上传 {LIMIT} 个文件" not in material_error(res, 0)
    assert res.forms["apply"]["description"].value == "申请说明保留"
    with open_root(filing_wsgi_app) as root:
        assert len(root["filings"]) == 0
        assert len(stash_of(root, "acme")) <= LIMIT  # the stash's cap per uploader


def test_a_bad_file_among_several_is_named_and_the_good_ones_are_kept(
    client, open_root, filing_wsgi_app
):
    app = login(client(), "acme")
    form = app.get(ITEM_COMPLETE + "apply").forms["apply"]
    fill_apply(form, {0: pdf("申请书.pdf")})
    form.fields["upload"][1].value = [
        pdf("营业执照.pdf"),
        Upload("坏.pdf", samples.EXE, "application/pdf"),
    ]
    res = form.submit("save")
    res.request.environ["wsgi.input"].close()
    assert res.status_int == 200
    assert "文件“坏.pdf”的类型不被接受" in material_error(res, 1)
    kept = [k.get_text() for k in res.html.select(".kept-upload-name")]
    assert kept == ["申请书.pdf", "营业执照.pdf"]  # ticked, posted again as stash entries
    boxes = res.html.select(".kept-upload input[type=checkbox][name=uid]")
    assert all(box.has_attr("checked") for box in boxes)
    # Posted again as it came back: the kept files are stored, the bad one is not.
    again = post_fields(app, res.forms["apply"].submit_fields(), button="save")
    assert again.status_int == 303
    with open_root(filing_wsgi_app) as root:
        filing = next(iter(root["filings"].values()))
        assert [f.filename for f in filing.current_files()] == ["申请书.pdf", "营业执照.pdf"]
        assert stash_of(root, "acme") == []  # taken out of the stash into the case


def test_an_unticked_kept_file_is_left_out(client, open_root, filing_wsgi_app):
    app = login(client(), "acme")
    form = app.get(ITEM_COMPLETE + "apply").forms["apply"]
    fill_apply(form, {0: pdf("申请书.pdf"), 1: pdf("营业执照.pdf")})
    form["phone"] = "bad"
    res = form.submit("save")
    res.request.environ["wsgi.input"].close()
    assert res.status_int == 200
    back = res.forms["apply"]
    back["phone"] = "13995000001"
    fields = [(k, v) for k, v in back.submit_fields() if k != "uid" or v != kept_uid(res, 1)]
    assert post_fields(app, fields, button="save").status_int == 303
    with open_root(filing_wsgi_app) as root:
        filing = next(iter(root["filings"].values()))
        assert [f.filename for f in filing.current_files()] == ["申请书.pdf"]


def kept_uid(res, index):
    seq = res.html.select(".deform-seq")[index]
    return seq.select_one(".kept-upload input[name=uid]")["value"]


def stash(app, upload, status=200, token=None):
    token = app.csrf_token if token is None else token
    return app.post(
        STASH,
        params=[("csrf_token", token), ("upload", upload)],
        content_type="multipart/form-data",
        headers={"Accept": "application/json"},
        status=status,
    )


def test_files_sent_ahead_are_posted_as_stash_entries(client, open_root, filing_wsgi_app):
    app = login(client(), "acme")
    sent = [stash(app, pdf(name)).json for name in ("营业执照-正本.pdf", "营业执照-副本.pdf")]
    assert [(s["filename"], s["size"]) for s in sent] == [
        ("营业执照-正本.pdf", len(samples.PDF)),
        ("营业执照-副本.pdf", len(samples.PDF)),
    ]
    with open_root(filing_wsgi_app) as root:
        assert stash_of(root, "acme") == ["营业执照-副本.pdf", "营业执照-正本.pdf"]
    form = app.get(ITEM_COMPLETE + "apply").forms["apply"]
    assert form.fields["upload"][1].attrs["data-stash-url"] == "http://localhost" + STASH
    fill_apply(form, {0: pdf("申请书.pdf")})
    fields = with_uids(form.submit_fields(), 1, [s["uid"] for s in sent])
    assert post_fields(app, fields, button="save").status_int == 303
    with open_root(filing_wsgi_app) as root:
        filing = next(iter(root["filings"].values()))
        assert [f.filename for f in filing.current_files(1)] == [
            "营业执照-正本.pdf",
            "营业执照-副本.pdf",
        ]
        assert stash_of(root, "acme") == []


def test_a_stash_entry_is_its_uploaders_alone(client, open_root, filing_wsgi_app):
    theirs = stash(login(client(), "other"), pdf("别人的.pdf")).json["uid"]
    app = login(client(), "acme")
    form = app.get(ITEM_COMPLETE + "apply").forms["apply"]
    fill_apply(form, {0: pdf("申请书.pdf")})
    fields = with_uids(form.submit_fields(), 1, [theirs])
    assert post_fields(app, fields, button="save").status_int == 303
    with open_root(filing_wsgi_app) as root:
        filing = next(iter(root["filings"].values()))
        assert [f.filename for f in filing.current_files()] == ["申请书.pdf"]
        assert stash_of(root, "other") == ["别人的.pdf"]


def test_the_stash_refuses_what_the_form_refuses_in_chinese(client, open_root, filing_wsgi_app):
    app = login(client(), "acme")
    bad = stash(app, Upload("坏.pdf", samples.EXE, "application/pdf"), status=400).json
    assert "文件“坏.pdf”的类型不被接受" in bad["error"]
    empty = stash(app, Upload("空.pdf", b"", "application/pdf"), status=400).json
    assert "空文件" in empty["error"]
    for n in range(LIMIT):
        stash(app, pdf(f"{n}.pdf"))
    full = stash(app, pdf("多.pdf"), status=400).json
    assert "等待提交的文件过多" in full["error"]
    with open_root(filing_wsgi_app) as root:
        assert stash_of(root, "acme") == [f"{n}.pdf" for n in range(LIMIT)]


def test_the_stash_needs_the_token_and_an_enterprise(client, open_root, filing_wsgi_app):
    app = login(client(), "acme")
    stash(app, pdf(), status=400, token="forged")
    rev = login(client(), "rev")
    stash(rev, pdf(), status=403)
    assert "/login" in client().post(STASH, params={"csrf_token": "x"}, status=302).location
    with open_root(filing_wsgi_app) as root:
        assert stash_of(root, "acme") == [] and stash_of(root, "rev") == []


def test_the_supplement_form_takes_several_files_for_one_material(
    client, open_root, filing_wsgi_app
):
    acme, case = submit_filing(client, files=required_uploads())
    take(login(client(), "rev"), case, "return", comment="请补充营业执照副本")
    acme = login(client(), "acme")
    sent = stash(acme, pdf("营业执照-副本.pdf")).json["uid"]
    form = acme.get(case + "supplement").forms["supplement"]
    form.fields["upload"][1].value = [pdf("营业执照-正本.pdf"), pdf("营业执照-第二页.pdf")]
    fields = with_uids(form.submit_fields(), 1, [sent])
    res = post_fields(acme, fields, url=case + "supplement", button="supplement")
    assert res.status_int == 303
    with open_root(filing_wsgi_app) as root:
        filing = root["filings"][case.split("/")[2]]
        assert [f.filename for f in filing.current_files(1)] == [
            "材料2.pdf",
            "营业执照-副本.pdf",
            "营业执照-正本.pdf",
            "营业执照-第二页.pdf",
        ]
