"""The whole 好差评 journey as its users meet it: a reviewer completes a case, the enterprise
rates it 不满意 on the eve of the May holiday, the department's staff find the task due 5
working days later (the holiday skipped, its make-up Saturday counted), overdue after that;
a reviewer answers, the enterprise reads the answer on its case page and follows up once;
the department's averages count every rating."""

from datetime import date

from tests.functional.evaluations.support import (
    DEMO,
    POOR,
    answer,
    case_url,
    flash_text,
    follow_up,
    main_text,
    new_case,
    rate,
    set_clock,
    stored,
)

JSON = {"Accept": "application/json"}


def take(testapp, case_no, transition):
    form = testapp.get(case_url(case_no)).forms[f"transition-{transition}"]
    return form.submit(transition, status=303)


def test_rate_rectify_answer_follow_up(demo_wsgi_app, as_persona):
    set_clock(demo_wsgi_app, 2026, 4, 30, 10)  # Thursday; 1–5 May off, Saturday 9 May worked
    enterprise_a_app, reviewer_app = as_persona("enterprise_a"), as_persona("reviewer")
    case_no = new_case(demo_wsgi_app, steps=())
    # Not finished yet: no invitation to rate.
    assert "评价办件" not in main_text(enterprise_a_app.get(case_url(case_no)))

    for transition in ("prereview", "accept", "complete"):
        take(reviewer_app, case_no, transition)

    page = enterprise_a_app.get(case_url(case_no))
    assert "本办件已办结，您对本次服务满意吗？" in main_text(page)
    assert page.html.select_one("a.rate-link")["href"].endswith(f"/filings/{case_no}/rate")
    # The reviewer is not invited: the rating is the enterprise's.
    assert reviewer_app.get(case_url(case_no)).html.select_one("a.rate-link") is None

    res = rate(enterprise_a_app, case_no, POOR, comment="等待时间太长，窗口解释不清。").follow()
    assert "感谢您的评价" in flash_text(res)
    block = res.html.select_one(".case-block-evaluation")
    text = block.get_text(" ", strip=True)
    assert "整体满意度 不满意" in text and "办事效率 非常不满意" in text
    assert "等待时间太长，窗口解释不清。" in text
    assert "整改中" in text and "2026-05-11" in text  # 6, 7, 8, 9 (make-up), 11 May
    assert block.select_one("a.rate-link") is None

    evaluation, counts = stored(demo_wsgi_app, case_no)
    assert evaluation["scores"] == POOR and evaluation["state"] == "open"
    assert evaluation["deadline"] == date(2026, 5, 11)
    assert counts["n"] == 2 and counts["poor"] == 2  # the demo's rating and this one

    # The department's reviewer: the task in /evaluations/, the count in the navigation.
    tasks = reviewer_app.get("/evaluations/")
    row = next(r for r in tasks.html.select("tr.evaluation-row") if case_no in r.get_text())
    assert "2026-05-11" in row.get_text() and "整改中" in row.get_text()
    assert "整改任务 2 件待办" in tasks.html.select_one("header").get_text(" ", strip=True)
    listed = reviewer_app.get("/evaluations/", headers=JSON).json
    mine = next(e for e in listed["evaluations"] if e["case_no"] == case_no)
    assert mine["deadline"] == "2026-05-11" and mine["overdue"] is False
    assert mine["scores"]["overall"]["title"] == "不满意"

    # A day past the deadline: overdue.
    set_clock(demo_wsgi_app, 2026, 5, 12, 9)
    enterprise_a_app, reviewer_app = as_persona("enterprise_a"), as_persona("reviewer")
    row = next(
        r
        for r in reviewer_app.get("/evaluations/").html.select("tr.evaluation-row")
        if case_no in r.get_text()
    )
    assert "已超期" in row.get_text()
    assert reviewer_app.get(f"/evaluations/{case_no}/", headers=JSON).json["overdue"] is True

    # The answer is required; then it closes the task.
    res = answer(reviewer_app, case_no, "   ", status=200)
    assert "请填写整改情况" in main_text(res)
    assert stored(demo_wsgi_app, case_no)[0]["state"] == "open"
    res = answer(reviewer_app, case_no, "已约谈窗口人员，优化叫号流程并增加咨询引导。").follow()
    assert "整改情况已答复" in flash_text(res)
    assert "整改任务 1 件待办" in res.html.select_one("header").get_text(" ", strip=True)
    answered = reviewer_app.get("/evaluations/?show=answered")
    assert case_no in main_text(answered)

    # The answer reaches the enterprise's message box, linking to the rating.
    box = enterprise_a_app.get("/messages/", headers={"Accept": "application/json"}).json
    told = [m for m in box["messages"] if case_no in m["subject"]]
    assert told and told[0]["subject"] == f"您对办件 {case_no} 的评价：部门已答复整改情况"
    assert "已约谈窗口人员" in told[0]["text"]
    assert told[0]["url"].endswith(f"/evaluations/{case_no}/")

    # The enterprise reads the answer on its case page, and follows up once.
    page = enterprise_a_app.get(case_url(case_no))
    block = page.html.select_one(".case-block-evaluation").get_text(" ", strip=True)
    assert "已整改" in block and "已约谈窗口人员，优化叫号流程并增加咨询引导。" in block
    assert page.html.select_one("a.follow-up-link") is not None
    res = follow_up(enterprise_a_app, case_no, 4, "改进明显。").follow()
    assert "感谢您的追评" in flash_text(res)
    block = enterprise_a_app.get(case_url(case_no)).html.select_one(".case-block-evaluation")
    assert "追评 满意 ： 改进明显。" in block.get_text(" ", strip=True)
    assert block.select_one("a.follow-up-link") is None

    evaluation, counts = stored(demo_wsgi_app, case_no)
    assert evaluation["state"] == "answered"
    assert evaluation["follow_up"]["level"] == 4
    assert [h["transition"] for h in evaluation["history"]] == ["answer", "follow_up"]

    # The case's JSON (owner and reviewer) carries the rating, the answer and the follow-up.
    for testapp in (enterprise_a_app, reviewer_app):
        rating = testapp.get(case_url(case_no), headers=JSON).json["evaluation"]
        assert rating["scores"]["efficiency"]["level"] == 1
        assert rating["answer"]["text"] == "已约谈窗口人员，优化叫号流程并增加咨询引导。"
        assert rating["follow_up"]["title"] == "满意"
    row = next(
        f
        for f in enterprise_a_app.get("/filings/", headers=JSON).json["filings"]
        if f["case_no"] == case_no
    )
    assert row["evaluation"]["state"] == "answered"

    # Averages of 640100/scjg: the demo's rating and this one.
    averages = reviewer_app.get("/evaluations/", headers=JSON).json["averages"]
    (scjg,) = [a for a in averages if a["department"] == "640100/scjg"]
    assert scjg["count"] == 2 and scjg["poor"] == 2 and scjg["open_tasks"] == 1
    for dimension, level in POOR.items():
        assert scjg["averages"][dimension] == round((level + DEMO[dimension]) / 2, 2)
    assert scjg["follow_ups"] == 1 and scjg["follow_up_average"] == 4
    table = reviewer_app.get("/evaluations/").html.select_one(
        'tr.average-row[data-department="640100/scjg"]'
    )
    assert table.select_one(".average-count").get_text() == "2"
    assert table.select_one(".average-overall").get_text() == "2.00"


def test_a_good_rating_opens_no_task(demo_wsgi_app, enterprise_a_app, reviewer_app):
    case_no = new_case(demo_wsgi_app)
    rate(
        enterprise_a_app,
        case_no,
        {"overall": 3, "efficiency": 1, "guide": 1, "convenience": 1, "platform": 1},
    )
    evaluation, counts = stored(demo_wsgi_app, case_no)
    assert evaluation["state"] == "rated" and evaluation["deadline"] is None
    assert counts["n"] == 2 and counts["poor"] == 1 and counts["tasks"] == 1  # the demo's
    block = enterprise_a_app.get(case_url(case_no)).html.select_one(".case-block-evaluation")
    assert "整改" not in block.get_text()
    # Among the reviewer's ratings, not among the tasks.
    assert case_no not in main_text(reviewer_app.get("/evaluations/"))
    assert case_no in main_text(reviewer_app.get("/evaluations/?show=ratings"))
