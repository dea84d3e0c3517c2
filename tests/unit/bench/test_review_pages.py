"""The review pages of `make bench` (mail off, mail on): their own servers' settings, the
requests sent once, the mail sink, and the check of the moves and mails after a run."""

import smtplib
from email.message import EmailMessage

import pytest
import webtest
from bench.mailsink import MailSink, case_of
from bench.measure import Run, split_once
from bench.pages import MAIL_ON, PAGES
from bench.prepared import Prepared
from bench.reviews import count_moves, in_turn
from bench.run import ini_with, server_settings

from ningxia_portal import main
from ningxia_portal.core.root import get_database
from ningxia_portal.messages.mail import get_mail_sender
from tests.conftest import committing
from tests.functional.filings.support import (
    ITEM_PREREVIEW,
    clear_filings,
    create_users,
    login,
    submit_filing,
    take,
)

INI = """[app:main]
use = egg:ningxia_portal
pyramid.includes =
    ningxia_portal.bench.ceiling
# Mail: off
portal.mail = off

[server:main]
listen = 127.0.0.1:%(http_port)s

[formatter_generic]
format = %(asctime)s %(message)s
"""


def page(name):
    return next(p for p in PAGES if p.name == name)


def test_the_review_pages_run_alone_with_mail_off_and_on():
    off, on = page("review filing"), page("review filing (mail)")
    assert (off.method, off.expect, on.method, on.expect) == ("POST", 303, "POST", 303)
    assert off.server == {} and not off.sink  # bench.ini as it is: mail off
    assert on.server == MAIL_ON and on.sink and MAIL_ON["portal.mail"] == "smtp"
    assert on.min_ratio_of == ("review filing", 0.90) and off.min_ratio_of is None
    assert off.prepare is on.prepare and off.verify is on.verify is count_moves
    assert off.per_second == on.per_second >= 300  # more cases than a run moves
    # every other page runs on the main server
    assert all(p.server is None for p in PAGES if p not in (off, on))


def test_a_pages_settings_go_into_a_copy_of_bench_ini():
    sink = MailSink(port=2525)
    settings = server_settings(page("review filing (mail)"), sink)
    assert settings == {**MAIL_ON, "mail.host": "127.0.0.1", "mail.port": "2525"}
    assert server_settings(page("review filing")) == {}
    text = ini_with(INI, settings)
    lines = text.splitlines()
    assert "portal.mail = smtp" in lines and "portal.mail = off" not in lines
    app_main = text[: text.index("[server:main]")]
    assert "mail.port = 2525" in app_main and "mail.default_sender = " in app_main
    assert "    ningxia_portal.bench.ceiling" in lines and "# Mail: off" in lines
    assert text.endswith("format = %(asctime)s %(message)s\n")  # the rest as it was
    assert "k = 50%%" in ini_with(INI, {"k": "50%"})  # PasteDeploy interpolates %
    assert ini_with(INI, {}) == INI


def test_requests_sent_once_are_split_between_warm_up_run_and_a_last_one():
    prepared = list(range(13))
    assert split_once(prepared, 4) == ([0, 1, 2, 3], list(range(4, 12)), 12)
    assert split_once(prepared, 0) == ([], list(range(12)), 12)
    # too few for the warm-up wanted: the run keeps at least half
    assert split_once([0, 1, 2, 3, 4], 4) == ([0, 1], [2, 3], 4)
    with pytest.raises(RuntimeError, match="too few"):
        split_once([0], 1)


def test_moves_go_round_the_departments():
    assert in_turn([[1, 2, 3], ["a"], ["x", "y"]]) == [1, "a", "x", 2, "y", 3]


def mail(to, body):
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "noreply@x.cn", to, "您的办件：预审通过"
    message.set_content(body)  # utf-8, base64 or quoted-printable as the portal's
    return message


def test_the_sink_counts_what_arrives_and_waits_for_a_cases_mail():
    with MailSink() as sink:
        with smtplib.SMTP(sink.host, sink.port) as smtp:
            smtp.send_message(
                mail("a@x.cn", "已预审通过。\n查看详情：http://h:1/filings/640100-1/")
            )
            smtp.send_message(mail("b@x.cn", "没有链接的邮件"))
        assert sink.wait_for_case("/filings/640100-1/", timeout=10)
        assert sink.count == 2
        assert sink.cases() == [("/filings/640100-1/", ("a@x.cn",)), (None, ("b@x.cn",))]
        assert not sink.wait_for_case("/filings/640100-2/", timeout=0)


@pytest.fixture
def sink():
    with MailSink() as s:
        yield s


@pytest.fixture
def mail_app(blob_settings, sink):
    settings = {**blob_settings, **server_settings(page("review filing (mail)"), sink)}
    app = main({}, **settings)
    clear_filings(app)
    create_users(app)
    with committing(app) as root:
        root["principals"]["acme"].email = "acme@example.cn"
    yield app
    get_mail_sender(app.registry).close()
    get_database(app.registry).close()


def test_count_moves_finds_each_moved_case_and_its_one_mail(mail_app, sink, tmp_path):
    client = lambda: webtest.TestApp(mail_app)  # noqa: E731
    cases = [submit_filing(client, ITEM_PREREVIEW)[1] for _ in range(3)]
    # The submissions' receipts: the generated cases of the benchmark were never submitted
    # through the portal, so its sink receives only the reviewers' moves.
    assert get_mail_sender(mail_app.registry).flush(timeout=30)
    sink.inbox.mails.clear()
    reviewer = login(client(), "garev")
    for case in cases[:2]:
        take(reviewer, case, "prereview")
    assert get_mail_sender(mail_app.registry).flush(timeout=30)
    get_database(mail_app.registry).close()
    sent = [Prepared("POST", case) for case in cases]

    problems, line = count_moves(tmp_path, {}, Run(sent, successes=2, sink=sink))
    assert problems == 0, line
    assert line.startswith("2 of 3 cases sent were moved") and "received 2 mails" in line
    assert [rcpt for _, rcpt in sink.cases()] == [("acme@example.cn",)] * 2

    # wrk counted more moves than the database holds; mail off: no mail is checked
    problems, line = count_moves(tmp_path, {}, Run(sent, successes=3))
    assert problems == 1 and "mails" not in line

    # a moved case without its mail, the other's mail three times, once to someone else
    sink.inbox.mails.pop(0)
    second = sink.inbox.mails[0][1]
    sink.inbox.mails += [(("acme@example.cn",), second), (("x@example.cn",), second)]
    problems, line = count_moves(tmp_path, {}, Run(sent, successes=2, sink=sink))
    assert "1 moved cases without one" in line and "2 more than one per moved case" in line
    assert "1 not to the owner" in line and problems == 4


def test_case_of_reads_the_link_of_a_mail_as_the_portal_writes_it():
    body = "您的办件 640100-20261203-000001：预审通过\n\n查看详情：https://zwfw.example.cn/filings/640100-20261203-000001/\n"
    assert case_of(bytes(mail("a@x.cn", body))) == "/filings/640100-20261203-000001/"
