"""Cases to rate, and the forms of 好差评, for the evaluation tests."""

from datetime import UTC, datetime

from ningxia_portal.core.clock import CST, get_clock
from ningxia_portal.filings.demo import record_transition
from ningxia_portal.filings.resources import Filing
from ningxia_portal.filings.services import set_promised_date
from ningxia_portal.indexing.catalog import reindex
from ningxia_portal.workdays.calendar import calendar_of
from tests.conftest import RootAccess, committing

ITEM = ("640100", "scjg", "xk-scjg-001")  # 食品经营许可（新办）, 网上办结
REVIEW_STEPS = ("prereview", "accept", "complete")
GOOD = {"overall": 5, "efficiency": 4, "guide": 4, "convenience": 5, "platform": 3}
POOR = {"overall": 2, "efficiency": 1, "guide": 3, "convenience": 2, "platform": 4}
# The demo enterprise's rating of its completed case in 640100/scjg (evaluations/demo.py).
DEMO = {"overall": 2, "efficiency": 1, "guide": 3, "convenience": 2, "platform": 4}


def new_case(wsgi_app, owner="qiye_a", steps=REVIEW_STEPS, item=ITEM):
    """A submitted case of ``owner`` moved along ``steps`` by the system; its number."""
    clock = get_clock(wsgi_app.registry)
    with committing(wsgi_app) as root:
        user = root["principals"].get(owner)
        center, dept, name = item
        filing = Filing(root["centers"][center][dept][name], user, clock.now())
        filing.description, filing.contact, filing.phone = "申请新办。", "张伟", "13995000001"
        day = clock.today()
        root["filings"].add_case(filing, filing.center_code, day)
        filing.submitted = clock.now()
        set_promised_date(filing, day, calendar_of(root))
        record_transition(filing, "submit", (owner, owner), "", clock.now())
        for step in steps:
            record_transition(filing, step, ("shen_scjg", "刘窗口"), "", clock.now())
        reindex(filing)
        return filing.case_no


def case_url(case_no):
    return f"/filings/{case_no}/"


def set_clock(wsgi_app, *args):
    """Set the frozen clock to China's time ``args`` (year, month, day, hour …)."""
    get_clock(wsgi_app.registry).set(datetime(*args, tzinfo=CST).astimezone(UTC))


def set_level(page, form, name, level):
    """Choose ``level`` among the radio buttons of field ``name`` (deform names them by
    their field's oid, inside a ``<name>:rename`` mapping)."""
    start = page.html.select_one(f'input[name="__start__"][value="{name}:rename"]')
    form[start.find_next("input", type="radio")["name"]] = str(level)


def rate_form(testapp, case_no):
    page = testapp.get(case_url(case_no) + "rate")
    return page, page.forms["rate"]


def rate(testapp, case_no, scores, comment="", status=303):
    """Fill in and post the rating form of ``/filings/<case>/rate``."""
    page, form = rate_form(testapp, case_no)
    for name, level in scores.items():
        set_level(page, form, name, level)
    form["comment"] = comment
    return form.submit("rate", status=status)


def answer(testapp, case_no, text, status=303):
    form = testapp.get(f"/evaluations/{case_no}/").forms["evaluation-answer"]
    form["comment"] = text
    return form.submit("answer", status=status)


def follow_up(testapp, case_no, level, comment="", status=303):
    page = testapp.get(f"/evaluations/{case_no}/")
    form = page.forms["evaluation-follow_up"]
    set_level(page, form, "level", level)
    form["comment"] = comment
    return form.submit("follow_up", status=status)


def stored(wsgi_app, case_no):
    """(evaluation as plain data or None, the department's total tally's counts)."""
    with RootAccess(wsgi_app) as root:
        container = root["evaluations"]
        e = container.get(case_no)
        totals = container.totals.get("640100/scjg")
        counts = dict(totals.counts) if totals is not None else {}
        if e is None:
            return None, counts
        return {
            "scores": dict(e.scores),
            "comment": e.comment,
            "state": e.state,
            "deadline": e.deadline,
            "history": [dict(h) for h in e.history],
            "follow_up": dict(e.follow_up) if e.follow_up else None,
        }, counts


def main_text(res):
    return res.html.select_one("main").get_text(" ", strip=True)


def flash_text(res):
    return " ".join(f.get_text(" ", strip=True) for f in res.html.select(".flash"))


def field_error(res, name):
    """The message deform shows at field ``name``."""
    item = res.html.select_one(f'[id$="-{name}"]') or res.html.select_one(f'[name="{name}"]')
    group = item.find_parent(class_="form-group") if item is not None else None
    error = group.select_one(".help-block, .invalid-feedback, .error") if group else None
    return error.get_text(" ", strip=True) if error is not None else ""
