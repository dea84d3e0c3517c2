"""A center page: departments with counts, items by type group from the catalog, paged."""

import pytest

from ningxia_portal import main
from tests.conftest import DEMO_CENTERS, base_settings

JSON = {"Accept": "application/json"}


@pytest.fixture(scope="module")
def demo_wsgi_app():
    """One demo portal for the module: these tests only read (each gets its own client)."""
    return main({}, **base_settings(**{"portal.demo": "true", "portal.demo_centers": DEMO_CENTERS}))


def groups(res):
    return {s["id"]: s for s in res.html.select("section.item-group")}


def test_items_are_grouped_by_type_and_paginated_per_group(demo_app):
    res = demo_app.get("/centers/640100/")
    sections = groups(res)
    assert [s.h2.contents[0].strip() for s in sections.values()] == [
        "行政审批",
        "非行政审批",
        "公共服务",
    ]
    approval = sections["group-approval"]
    rows = approval.select("tbody tr")
    assert len(rows) == 10  # a page, not every item of the center
    assert {r.find_all("td")[1].text for r in rows} == {"行政许可"}
    assert "公共服务" in {
        r.find_all("td")[1].text for r in sections["group-public"].select("tbody tr")
    }

    page2 = res.click(href="page_approval=2")
    second = groups(page2)["group-approval"].select("tbody tr")
    assert {r.a.text for r in second}.isdisjoint({r.a.text for r in rows})
    # The other groups stay on their first page.
    assert groups(page2)["group-public"].select("tbody tr")[0].a.text == (
        sections["group-public"].select("tbody tr")[0].a.text
    )


def test_group_totals_add_up_to_the_department_counts(demo_app):
    data = demo_app.get("/centers/640104/", headers=JSON).json
    by_group = sum(g["total"] for g in data["groups"].values())
    by_dept = sum(d["items"] for d in data["departments"])
    assert by_group == by_dept > 0
    res = demo_app.get("/centers/640104/")
    first = res.html.select_one(".department-list li")
    dept = demo_app.get(first.a["href"])
    assert f"{first.select_one('.count').text.split()[0]} 项" in dept.html.h2.text


def test_every_item_of_a_group_is_reachable_through_its_pages(demo_app):
    data = demo_app.get("/centers/640100/", headers=JSON).json
    total = data["groups"]["other"]["total"]
    seen = []
    for number in range(1, data["groups"]["other"]["pages"] + 1):
        page = demo_app.get(f"/centers/640100/?page_other={number}", headers=JSON).json
        seen.extend(i["title"] for i in page["groups"]["other"]["items"])
    assert len(seen) == total and seen == sorted(seen)


def test_bad_group_page_numbers_give_the_first_page(demo_app):
    for value in ("-1", "abc", "0"):
        res = demo_app.get(f"/centers/640100/?page_approval={value}")
        assert "第 1 页" in groups(res)["group-approval"].select_one(".pager").text


def test_anonymous_visitors_see_no_management_links(demo_app):
    for path in (
        "/centers/",
        "/centers/640100/",
        "/centers/640100/scjg/",
        "/centers/640100/scjg/xk-scjg-001/",
    ):
        assert demo_app.get(path).html.select(".manage-bar") == []
