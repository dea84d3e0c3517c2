"""Mail to the owner after the commit, through a real SMTP server on loopback."""

import logging

import pytest
from ZODB.POSException import ConflictError

from ningxia_portal.workflow import WorkflowTransitioned
from tests.conftest import committing
from tests.functional.filings.support import login, submit_filing, take
from tests.functional.messages.conftest import flushed, mail_settings

ACME_MAIL = "acme@example.com"


def give_email(wsgi_app, username="acme", email=ACME_MAIL, **attributes):
    with committing(wsgi_app) as root:
        user = root["principals"][username]
        user.email = email
        for key, value in attributes.items():
            setattr(user, key, value)


def submitted(client, wsgi_app, smtp):
    """A case the owner submitted, its receipt (message and mail) delivered and the inbox
    emptied: the tests below look at what the reviewer's move sends."""
    _owner, case_url = submit_filing(client)
    flushed(wsgi_app)
    smtp.mails.clear()
    return case_url


def box_of(open_root, wsgi_app, username="acme"):
    with open_root(wsgi_app) as root:
        box = root["messages"].box(username)
        if box is None:
            return []
        return [(m.subject, m.text, m.path) for m in (box.get(k) for k in box.newest_keys())]


def test_a_reviewers_move_mails_the_owner_the_subject_and_the_absolute_link(
    client, mail_wsgi_app, smtp, open_root
):
    give_email(mail_wsgi_app)
    owner, case_url = submit_filing(client)
    flushed(mail_wsgi_app)
    # The owner's own submission: a receipt, its own note not quoted back as a reply.
    case_no = case_url.strip("/").rsplit("/", 1)[1]
    [(to, receipt)] = smtp.mails
    assert to == [ACME_MAIL] and receipt["Subject"] == f"您的办件 {case_no} 已提交，待预审"
    assert "答复" not in receipt.get_content()
    assert [s for s, _t, _p in box_of(open_root, mail_wsgi_app)] == [receipt["Subject"]]
    smtp.mails.clear()

    reviewer = login(client(), "rev")
    take(reviewer, case_url, "return", comment="营业执照复印件不清晰，请重新上传。")
    flushed(mail_wsgi_app)

    [(to, mail)] = smtp.mails
    assert to == [ACME_MAIL]
    assert mail["To"] == ACME_MAIL
    assert mail["From"] == "noreply@zwfw.nx.gov.cn"
    assert mail["Subject"] == f"您的办件 {case_no} 待补正材料"
    body = mail.get_content()
    assert f"http://localhost{case_url}" in body
    assert "营业执照复印件不清晰，请重新上传。" in body
    assert "王芳" not in body  # the reviewer's name is not the owner's business
    (subject, text, path), _receipt = box_of(open_root, mail_wsgi_app)  # newest first
    assert subject == mail["Subject"]
    assert path == case_url
    assert "营业执照复印件不清晰" in text


@pytest.fixture
def flaky_app(blob_settings, smtp):
    """The portal with a feature that makes the first attempt of a request whose comment is
    "conflict" conflict after the move, and refuses a move commented "refuse" after it."""
    from ningxia_portal import main
    from ningxia_portal.core.root import get_database
    from tests.functional.filings.support import clear_filings, create_users

    settings = mail_settings(
        blob_settings, smtp, **{"portal.includes": "tests.functional.messages.test_mail"}
    )
    app = main({}, **settings)
    clear_filings(app)
    create_users(app)
    yield app
    get_database(app.registry).close()


class RefusedLater(Exception):
    pass


def after_the_move(event):
    """Runs after the message box's subscriber (add-ons are included last)."""
    request = event.request
    comment = event.record.comment
    if comment.startswith("conflict") and not request.environ.get("test.conflicted"):
        request.environ["test.conflicted"] = True
        raise ConflictError()
    if comment.startswith("refuse"):
        raise RefusedLater()


def includeme(config):
    config.add_subscriber(after_the_move, WorkflowTransitioned)


def test_a_conflict_retried_sends_the_mail_of_the_attempt_that_commits_only(
    flaky_app, smtp, open_root
):
    import webtest

    client = lambda: webtest.TestApp(flaky_app)  # noqa: E731
    give_email(flaky_app)
    case_url = submitted(client, flaky_app, smtp)
    take(login(client(), "rev"), case_url, "return", comment="conflict: 请补充材料")
    flushed(flaky_app)
    assert len(smtp.mails) == 1
    assert len(box_of(open_root, flaky_app)) == 2  # the receipt and the return


def test_a_move_refused_later_in_the_request_sends_nothing_and_writes_nothing(
    flaky_app, smtp, open_root
):
    import webtest

    client = lambda: webtest.TestApp(flaky_app)  # noqa: E731
    give_email(flaky_app)
    case_url = submitted(client, flaky_app, smtp)
    with pytest.raises(RefusedLater):
        take(login(client(), "rev"), case_url, "return", comment="refuse: 请补充材料")
    flushed(flaky_app)
    assert smtp.mails == []
    [(receipt, _text, _path)] = box_of(open_root, flaky_app)  # the submission's only
    assert receipt.endswith("已提交，待预审")
    with open_root(flaky_app) as root:
        assert root["filings"][case_url.strip("/").rsplit("/", 1)[1]].state == "submitted"


def test_the_server_down_keeps_the_change_and_logs_the_mail_given_up(
    client, mail_wsgi_app, smtp, open_root, caplog
):
    give_email(mail_wsgi_app)
    case_url = submitted(client, mail_wsgi_app, smtp)
    smtp.stop()
    caplog.set_level(logging.WARNING, logger="ningxia_portal.messages.mail")
    res = take(login(client(), "rev"), case_url, "prereview")
    assert res.status_int == 303
    flushed(mail_wsgi_app)
    with open_root(mail_wsgi_app) as root:
        assert root["filings"][case_url.strip("/").rsplit("/", 1)[1]].state == "prereview_passed"
    assert len(box_of(open_root, mail_wsgi_app)) == 2  # the receipt and the move
    retried = [r for r in caplog.records if r.levelno == logging.WARNING]
    given_up = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(retried) == 2  # portal.mail_retries
    assert len(given_up) == 1 and ACME_MAIL in given_up[0].getMessage()


def test_mail_off_in_the_profile_sends_nothing_but_the_message_is_written(
    client, mail_wsgi_app, smtp, open_root
):
    give_email(mail_wsgi_app)
    owner = login(client(), "acme")
    form = owner.get("/profile").forms["profile"]
    assert form["mail_notices"].checked  # on by default
    form["mail_notices"] = False
    form.submit("submit", status=302)
    _owner, case_url = submit_filing(client)
    take(login(client(), "rev"), case_url, "prereview")
    flushed(mail_wsgi_app)
    assert smtp.mails == []
    assert len(box_of(open_root, mail_wsgi_app)) == 2  # the receipt and the move


def test_no_email_means_the_message_box_only(client, mail_wsgi_app, smtp, open_root):
    _owner, case_url = submit_filing(client)
    take(login(client(), "rev"), case_url, "prereview")
    flushed(mail_wsgi_app)
    assert smtp.mails == []
    assert len(box_of(open_root, mail_wsgi_app)) == 2  # the receipt and the move
