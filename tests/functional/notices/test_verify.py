"""/verify/<code>: anybody checks a notice; every code that verifies nothing gets one answer."""

from tests.functional.filings.support import login, pdf, take
from tests.functional.notices.conftest import case_no


def code_of(app, url, kind):
    return app.get(url + f"notices/{kind}").html.select_one(".notice-code").get_text(strip=True)


def test_a_genuine_notice_shows_what_it_prints_and_nothing_else(client, cases):
    owner = login(client(), "acme")
    code = code_of(owner, cases["returned"], "supplement")
    res = client().get(f"/verify/{code}")  # anonymous
    assert res.headers["Cache-Control"] == "no-store"
    text = res.html.select_one("main").get_text(" ", strip=True)
    assert "真实有效" in text
    facts = dict(
        zip(
            [dt.get_text(strip=True) for dt in res.html.select("dl dt")],
            [dd.get_text(strip=True) for dd in res.html.select("dl dd")],
            strict=True,
        )
    )
    assert facts == {
        "通知书类型": "一次性告知通知书",
        "办件编号": case_no(cases["returned"]),
        "申请人": "宁夏阿克米食品有限公司",
        "办理事项": "食品经营许可（新办）",
        "出具部门": "银川市市场监督管理局",
        "出具日期": "2026-03-02",
    }
    # Never the comment, materials, contacts, credit code or staff names.
    for private in (
        "请补充营业执照副本",
        "材料",
        "张伟",
        "13995000001",
        "91640104MA76AB0C8B",
        "王芳",
    ):
        assert private not in text, private
    # Typed by hand: lower case, spaces instead of hyphens, O for 0 and I for 1 all read.
    typed = code.lower().replace("-", " ")
    assert "真实有效" in client().get("/verify/" + typed.replace(" ", "%20")).text


def test_every_miss_gets_the_same_answer(client, clock, cases):
    owner = login(client(), "acme")
    code = code_of(owner, cases["completed"], "acceptance")
    number, letter, tag = code[:22], code[23], code[25:]
    flipped = ("0" if tag[0] != "0" else "1") + tag[1:]
    returned = code_of(owner, cases["returned"], "supplement")
    # The first one-time notice, replaced by a second after the enterprise supplemented.
    form = owner.get(cases["returned"] + "supplement").forms["supplement"]
    form.fields["upload"][0].value = [pdf("补正材料.pdf")]  # a slot takes several files
    assert form.submit("supplement").status_int == 303
    clock.advance(minutes=1)
    take(login(client(), "rev"), cases["returned"], "return", comment="仍缺少营业执照副本")
    misses = [
        "",  # no code
        "nonsense",  # not a code
        f"{number}-{letter}-{flipped}",  # a tampered MAC
        f"{number}-C-{tag}",  # the acceptance's MAC on the completion
        f"{number}-R-{tag}",  # a kind the case does not have
        f"640100-20260302-000099-{letter}-{tag}",  # no such case
        f"640100-20260302-000001-{letter}-{tag}".replace("000001", "000004"),  # another case
        returned,  # a one-time notice replaced by a newer one
        code + "X",  # too long
        "x" * 500,
    ]
    answers = set()
    for miss in misses:
        res = client().get(f"/verify/{miss}", status=404)
        answers.add((res.status, res.content_type, res.text))
        assert "没有与该验证码对应的有效通知书" in res.text
    assert len(answers) == 1
    assert client().get("/verify", status=404).text == answers.pop()[2]
    assert "真实有效" in client().get(f"/verify/{code}").text  # the genuine still is
    newer = code_of(owner, cases["returned"], "supplement")
    assert newer != returned and "真实有效" in client().get(f"/verify/{newer}").text


def test_verifying_needs_no_login_and_ignores_who_asks(client, cases):
    code = code_of(login(client(), "acme"), cases["rejected"], "refusal")
    for app in (client(), login(client(), "other"), login(client(), "swrev")):
        assert "真实有效" in app.get(f"/verify/{code}").text
