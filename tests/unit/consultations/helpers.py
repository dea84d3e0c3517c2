"""Small in-memory consultations for the unit tests."""

from datetime import UTC, datetime

from ningxia_portal.consultations.resources import Consultation
from tests.unit.filings.helpers import make_item, make_user

NOW = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def make_consultation(owner=None, when=NOW, subject="新办餐饮店需要哪些许可"):
    department = make_item().department
    return Consultation(
        owner or make_user(),
        department,
        "张三",
        "13912345678",
        subject,
        "请问需要准备哪些材料？",
        when,
    )
