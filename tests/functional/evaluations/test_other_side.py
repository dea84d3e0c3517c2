"""Another enterprise, a reviewer of another department and a visitor see nothing of a
rating: not its page, not its JSON, not a list row, not the averages."""

from tests.functional.evaluations.support import POOR, case_url, main_text, new_case, rate

JSON = {"Accept": "application/json"}
COMMENT = "独有的评价意见"


def test_nobody_else_sees_a_rating(
    demo_wsgi_app, enterprise_a_app, enterprise_b_app, other_reviewer_app, as_persona
):
    case_no = new_case(demo_wsgi_app)
    rate(enterprise_a_app, case_no, POOR, comment=COMMENT)
    url = f"/evaluations/{case_no}/"

    for testapp in (enterprise_b_app, other_reviewer_app):
        for headers in ({}, JSON):
            res = testapp.get(url, headers=headers, status=404)
            assert COMMENT not in res.text
            res = testapp.get(case_url(case_no), headers=headers, status=404)
            assert COMMENT not in res.text
        listed = testapp.get("/evaluations/", headers=JSON).json
        assert case_no not in str(listed["evaluations"])
        assert "640100/scjg" not in str(listed.get("averages") or [])
        assert case_no not in main_text(testapp.get("/evaluations/?show=ratings"))
        assert COMMENT not in testapp.get("/filings/", headers=JSON).text

    # Another enterprise's list is its own ratings, with no averages at all.
    mine = enterprise_b_app.get("/evaluations/", headers=JSON).json
    assert mine["mode"] == "mine" and mine["evaluations"] == [] and "averages" not in mine
    assert "各部门评价平均分" not in main_text(enterprise_b_app.get("/evaluations/"))
    # The owner's list holds its rating, without anybody's averages.
    own = enterprise_a_app.get("/evaluations/", headers=JSON).json
    assert [e["case_no"] for e in own["evaluations"]] == [case_no] and "averages" not in own

    visitor = as_persona(None)
    assert visitor.get(url, status=302).location.startswith("http://localhost/login")
    assert visitor.get("/evaluations/", status=302).location.startswith("http://localhost/login")


def test_the_navigation_counts_open_tasks_for_staff_only(
    demo_wsgi_app, enterprise_a_app, reviewer_app, other_reviewer_app
):
    case_no = new_case(demo_wsgi_app)
    rate(enterprise_a_app, case_no, POOR)
    header = reviewer_app.get("/").html.select_one("header").get_text(" ", strip=True)
    assert "整改任务 2 件待办" in header  # the demo's task and this one
    header = other_reviewer_app.get("/").html.select_one("header").get_text(" ", strip=True)
    assert "整改任务" in header and "整改任务 2" not in header
    header = enterprise_a_app.get("/").html.select_one("header").get_text(" ", strip=True)
    assert "整改任务" not in header
