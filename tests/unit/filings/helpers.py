"""Small in-memory trees for the filings unit tests."""

from datetime import UTC, datetime

from ningxia_portal.accounts.resources import User
from ningxia_portal.catalogue.resources import Center, Centers, Department, ServiceItem
from ningxia_portal.filings.resources import Filing, Filings

NOW = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def make_item(depth="网上办结", promised_days=5):
    centers = Centers()
    center = centers.add("640100", Center("640100", "银川市", "city", "640000"))
    dept = center.add("scjg", Department("银川市市场监督管理局"))
    return dept.add(
        "xk-scjg-001",
        ServiceItem(
            "XK-SCJG-001-640100",
            "食品经营许可（新办）",
            "行政许可",
            promised_days=promised_days,
            depth=depth,
            materials=[
                {"name": "食品经营许可申请书", "required": True},
                {"name": "营业执照", "required": True},
                {"name": "授权委托书", "required": False},
            ],
        ),
    )


def make_user(username="acme", title="宁夏阿克米食品有限公司"):
    user = User(username, "x", title=title)
    user.credit_code = "91640104MA76AB0C8B"
    return user


def make_filing(depth="网上办结", state="submitted", owner=None):
    filing = Filing(make_item(depth), owner or make_user(), NOW)
    filing.state = state
    return filing


def permits_for(*principals):
    """A ``permits`` callable evaluating the ACLs as the policy would for these principals."""
    from pyramid.authorization import ACLHelper, Authenticated, Everyone

    everyone = [Everyone, Authenticated, *principals]
    return lambda permission, context: bool(ACLHelper().permits(context, everyone, permission))


__all__ = ["Filings", "NOW", "make_filing", "make_item", "make_user", "permits_for"]


def portal_before(step, registry):
    """A Portal evolved through every step before ``step``: a database as it stood then."""
    from ningxia_portal.core import evolve
    from ningxia_portal.core.root import Portal

    root = Portal()
    for number, fn in evolve.steps(registry):
        if number < step:
            fn(root, registry)
    return root


def add_case(root, case_no="640100-20260302-000001", **kwargs):
    """A submitted case under ``case_no`` in the root's filings (catalogued as it is added)."""
    case = make_filing(state="submitted", **kwargs)
    case.case_no = case_no
    root["filings"].add(case_no, case)
    return case
