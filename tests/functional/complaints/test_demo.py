"""Demo complaints (development.ini): a few for the demo enterprise, some answered, which
the demo handler handles and the demo reviewer does not see."""

import webtest

from tests.conftest import login


def test_demo_complaints_for_the_demo_enterprise(demo_wsgi_app, open_root):
    with open_root(demo_wsgi_app) as root:
        complaints = list(root["complaints"].values())
        assert len(complaints) == 4
        assert {c.owner for c in complaints} == {"enterprise"}
        assert {c.center_code for c in complaints} == {"640000", "640100"}
        states = sorted(c.state for c in complaints)
        assert states == ["closed", "handling", "received", "replied"]
        rated = [c for c in complaints if c.rating is not None]
        assert len(rated) == 1 and rated[0].rating["score"] == "fairly_satisfied"


def test_the_demo_handler_and_enterprise_see_them_the_reviewer_does_not(demo_wsgi_app):
    enterprise = webtest.TestApp(demo_wsgi_app)
    login(enterprise, "enterprise", "enterprise1234")
    page = enterprise.get("/complaints/")
    assert "共 4 件投诉" in page.text
    handler = webtest.TestApp(demo_wsgi_app)
    home = login(handler, "handler", "handler1234")
    assert "投诉处理 2 件待办" in [a.get_text(" ", strip=True) for a in home.html.select("nav a")]
    assert "共 4 件投诉" in handler.get("/complaints/").text
    reviewer = webtest.TestApp(demo_wsgi_app)
    login(reviewer, "reviewer", "reviewer1234")
    assert "共 0 件投诉" in reviewer.get("/complaints/").text
