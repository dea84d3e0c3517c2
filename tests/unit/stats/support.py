"""Records made through the domains' own services, in requests of their own, and the
figures counted again the slow way (from every stored record) to compare with the queries."""

from contextlib import contextmanager
from datetime import UTC, date, datetime

import transaction
from pyramid.request import Request, apply_request_extensions
from pyramid.threadlocal import manager

from ningxia_portal.appointments import services as appointments
from ningxia_portal.complaints import services as complaints
from ningxia_portal.consultations import services as consultations
from ningxia_portal.core.clock import CST, get_clock, local_date
from ningxia_portal.core.root import root_factory
from ningxia_portal.evaluations import services as evaluations
from ningxia_portal.filings import services as filings

ITEM = ("640100", "scjg", "xk-scjg-001")  # 食品经营许可（新办）, 网上办结
GOOD = {"overall": 5, "efficiency": 4, "guide": 4, "convenience": 5, "platform": 3}
POOR = {"overall": 2, "efficiency": 1, "guide": 3, "convenience": 2, "platform": 4}


class ActingRequest(Request):
    """A request acting as one account, allowed every transition (the services' checks of
    who may act are the views' and the ACLs' business, tested with them)."""

    identity = None

    def has_permission(self, permission, context=None):
        return True


@contextmanager
def acting(wsgi_app, username=None):
    """(request, root) as ``username``, in a transaction committed at the end."""
    request = ActingRequest.blank("/")
    request.registry = wsgi_app.registry
    request.tm = transaction.TransactionManager()
    apply_request_extensions(request)
    manager.push({"registry": wsgi_app.registry, "request": request})
    try:
        root = root_factory(request)
        request.root = root
        if username is not None:
            request.identity = root["principals"][username]
        yield request, root
        request.tm.commit()
    finally:
        request.tm.abort()
        request._process_finished_callbacks()
        manager.pop()


def set_clock(wsgi_app, when):
    """Set the frozen clock to ``when`` (aware; a naive one is China's time)."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=CST)
    get_clock(wsgi_app.registry).set(when.astimezone(UTC))


def submit(wsgi_app, owner, item=ITEM):
    """A filing of ``owner`` submitted now; its case number."""
    with acting(wsgi_app, owner) as (request, root):
        center, dept, name = item
        filing = filings.new_filing(request, root["centers"][center][dept][name])
        filings.fill(filing, {"description": "申请新办。", "contact": "张伟", "phone": "1"})
        filings.submit(request, filing)
        return filing.case_no


def review(wsgi_app, case_no, *steps, actor="reviewer"):
    """The reviewer's (or, for ``supplement``, the owner's) moves of a case, one request each."""
    for step in steps:
        with acting(wsgi_app, actor) as (request, root):
            filing = root["filings"][case_no]
            if step == "supplement":
                request.identity = root["principals"][filing.owner]
                filings.supplement(request, filing, {"materials": {}, "comment": ""}, None)
            else:
                comment = "请补正。" if step in ("return", "reject", "refuse") else ""
                filings.review(request, filing, step, comment, None)


def book(wsgi_app, owner, day, item=ITEM):
    with acting(wsgi_app, owner) as (request, root):
        center = root["centers"][item[0]]
        department = center[item[1]]
        slot = appointments.schedule(request, department.department_key).slots[0]
        values = {"contact": "张伟", "phone": "13995000001", "content": "咨询办理"}
        a = appointments.book(request, center, department, department[item[2]], day, slot, values)
        return a.__name__


def ask(wsgi_app, owner, department=("640100", "scjg")):
    with acting(wsgi_app, owner) as (request, root):
        dept = root["centers"][department[0]][department[1]]
        appstruct = {
            "name": "张伟",
            "phone": "13995000001",
            "subject": "问",
            "content": "如何办理？",
        }
        c = consultations.ask(request, root["consultations"], dept, appstruct)
        return c.__name__


def answer(wsgi_app, name, actor="reviewer"):
    with acting(wsgi_app, actor) as (request, root):
        consultations.move(request, root["consultations"][name], "answer", "答复如下。", None)


def complain(wsgi_app, owner, center="640100", department="scjg"):
    with acting(wsgi_app, owner) as (request, root):
        appstruct = {
            "center": center,
            "department": department,
            "complainant": {"name": "张伟", "phone": "13995000001", "email": ""},
            "subject": "窗口态度",
            "content": "窗口要求提供清单外材料。",
        }
        return complaints.submit(request, appstruct).__name__


def rate(wsgi_app, case_no, scores):
    with acting(wsgi_app) as (request, root):
        filing = root["filings"][case_no]
        request.identity = root["principals"][filing.owner]
        evaluations.rate(request, filing, scores, "")


def answer_rectification(wsgi_app, case_no, actor="reviewer"):
    with acting(wsgi_app, actor) as (request, root):
        evaluations.answer(request, root["evaluations"][case_no], "已整改。", None)


# -- the slow way -----------------------------------------------------------------------
def china_day(y, m, d, hour=10):
    return datetime(y, m, d, hour, tzinfo=CST)


def in_scopes(record, scopes, department=True):
    owner = "user:" + record.owner
    own = {"*", record.center_code, owner}
    if department:
        own.add(record.department_key)
    return sum(1 for s in scopes if s in own)  # how many times the scopes count it


def brute_summary(root, scopes, start, end, today):
    found = dict.fromkeys(
        (
            "received",
            "prereviewed",
            "accepted",
            "completed",
            "refused",
            "returned",
            "overdue",
            "appointments",
            "consultations",
            "complaints",
        ),
        0,
    )
    for f in root["filings"].values():
        if f.state == "draft" or not start <= local_date(f.submitted) <= end:
            continue
        n = in_scopes(f, scopes)
        moves = [e["transition"] for e in f.history]
        found["received"] += n
        found["prereviewed"] += n * ("prereview" in moves)
        found["accepted"] += n * ("accept" in moves)
        found["completed"] += n * (f.state == "completed")
        found["refused"] += n * (f.state in ("not_accepted", "not_permitted"))
        found["returned"] += n * ("return" in moves)
        if f.finished is not None:
            found["overdue"] += n * (local_date(f.finished) > f.deadline)
        elif f.state != "supplement_required":
            found["overdue"] += n * (f.deadline < today)
    for name, key in (
        ("appointments", "appointments"),
        ("consultations", "consultations"),
        ("complaints", "complaints"),
    ):
        for r in root[name].values():
            if start <= local_date(r.created) <= end:
                found[key] += in_scopes(r, scopes, department=name != "complaints")
    return found


def brute_states(root, scopes, start, end):
    found = {}
    for f in root["filings"].values():
        if f.state != "draft" and start <= local_date(f.submitted) <= end:
            found[f.state] = found.get(f.state, 0) + in_scopes(f, scopes)
    return {state: n for state, n in found.items() if n}


def brute_months(root, scopes, year):
    months = [0] * 12
    for f in root["filings"].values():
        if f.state != "draft" and local_date(f.submitted).year == year:
            months[local_date(f.submitted).month - 1] += in_scopes(f, scopes)
    return months


def brute_finished(root, center, start, end):
    return sum(
        1
        for f in root["filings"].values()
        if f.center_code == center
        and f.finished is not None
        and start <= local_date(f.finished) <= end
    )


__all__ = ["date"]
