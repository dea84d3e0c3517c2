"""Cases with every kind of notice, filed and reviewed through the real forms.

acme (宁夏阿克米食品有限公司) has a completed case (受理 and 办结通知书), a returned one
(一次性告知) and a rejected one (不予受理); other (银川其他商贸有限公司) has a returned case
of 640100/ga. rev reviews 640100/scjg, garev 640100/ga, swrev 640100/sw, centerrev 640100.
"""

import pytest

from tests.functional.filings import conftest as filings
from tests.functional.filings.support import (
    ITEM_COMPLETE,
    ITEM_PREREVIEW,
    login,
    submit_filing,
    take,
)

# The filings' portal: blob storage, a frozen clock, their users.
filing_settings = filings.filing_settings
filing_wsgi_app = filings.filing_wsgi_app
clock = filings.clock
client = filings.client


@pytest.fixture
def cases(client, clock):
    """{name: case URL} of the four cases; each move a minute after the last, so the
    notices' order is known: the other's supplement, the rejection, acme's supplement,
    the completion, the acceptance (newest first)."""

    def move(staff, url, name, comment):
        clock.advance(minutes=1)
        take(staff, url, name, comment=comment)

    rev = login(client(), "rev")
    _, completed = submit_filing(client, ITEM_COMPLETE)
    for name in ("prereview", "accept", "complete"):
        move(rev, completed, name, "经审查，材料齐全。")
    _, returned = submit_filing(client, ITEM_COMPLETE)
    move(rev, returned, "return", "请补充营业执照副本")
    _, rejected = submit_filing(client, ITEM_COMPLETE)
    move(rev, rejected, "reject", "不属于本部门受理范围")
    _, others = submit_filing(client, ITEM_PREREVIEW, username="other")
    move(login(client(), "garev"), others, "return", "请补充旅馆平面图")
    return {"completed": completed, "returned": returned, "rejected": rejected, "other": others}


def case_no(url):
    return url.rstrip("/").rsplit("/", 1)[-1]
