"""Complaints built without a tree: a center and a department are what they carry."""

from datetime import UTC, datetime
from types import SimpleNamespace

from ningxia_portal.complaints.resources import Complaint

WHEN = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def make_complaint(owner="acme", center="640100", department="scjg", when=WHEN, state=None):
    user = SimpleNamespace(username=owner, title="宁夏阿克米食品有限公司")
    c = SimpleNamespace(code=center, title="银川市")
    d = SimpleNamespace(department_key=f"{center}/{department}", title="银川市市场监督管理局")
    complaint = Complaint(user, c, d, when)
    complaint.subject = "窗口要求提供清单外材料"
    if state is not None:
        complaint.state = state
    return complaint
