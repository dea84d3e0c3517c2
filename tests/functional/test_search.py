"""查找事项 at /search: every filter, their combinations, Chinese substrings, JSON, bad input."""

import pytest

from ningxia_portal import main
from tests.conftest import DEMO_CENTERS, base_settings

JSON = {"Accept": "application/json"}


@pytest.fixture(scope="module")
def demo_wsgi_app():
    """One demo portal for the module: these tests only read (each gets its own client)."""
    return main({}, **base_settings(**{"portal.demo": "true", "portal.demo_centers": DEMO_CENTERS}))


def search(app, **params):
    return app.get("/search", params=params, headers=JSON).json


def titles(app, **params):
    return [i["title"] for i in search(app, **params)["items"]]


def every(app, **params):
    """All hits of a search, across its pages."""
    first = search(app, **params)
    items = list(first["items"])
    for number in range(2, first["pages"] + 1):
        items.extend(search(app, page=number, **params)["items"])
    assert len(items) == first["total"]
    return items


@pytest.mark.parametrize(
    "keyword,expected",
    [
        ("食品", "食品经营许可（新办）"),  # two characters of a name
        ("有限责任公司设立登记", "有限责任公司设立登记"),  # a whole name
        ("质权合同", "股权出质登记"),  # a material's name only
        ("业执照申", "电子营业执照申领"),  # any inner run of the name
        ("xk-scjg-004", "有限责任公司设立登记"),  # the item code, any case
    ],
)
def test_chinese_substrings_find_items(demo_app, keyword, expected):
    found = every(demo_app, q=keyword, center="")
    assert expected in {i["title"] for i in found}
    for item in found:
        detail = demo_app.get(item["url"], headers=JSON).json
        text = " ".join(
            [detail["title"], detail["code"], *(m["name"] for m in detail["materials"])]
        )
        assert keyword.lower() in text.lower()


def test_a_keyword_that_is_nowhere_finds_nothing(demo_app):
    res = demo_app.get("/search", params={"q": "宇宙飞船", "center": ""})
    assert res.html.select_one(".hit-count").text == "共找到 0 项事项"
    assert "没有符合条件的事项" in res.text


def test_empty_keyword_lists_everything_in_scope_with_the_hit_count(
    demo_app, demo_wsgi_app, open_root
):
    with open_root(demo_wsgi_app) as root:
        expected = sum(len(d) for c in root["centers"].values() for d in c.values())
    res = demo_app.get("/search", params={"center": ""})
    assert res.html.select_one(".hit-count").text == f"共找到 {expected} 项事项"
    assert len(res.html.select(".search-results tbody tr")) == 20
    assert search(demo_app, center="")["total"] == expected


def test_pages_of_twenty_sorted_by_name_and_the_pager_keeps_the_filters(demo_app):
    first = search(demo_app, center="640100", type="approval")
    assert first["pages"] > 1 and len(first["items"]) == 20
    names = [i["title"] for i in every(demo_app, center="640100", type="approval")]
    assert names == sorted(names)
    res = demo_app.get("/search", params={"center": "640100", "type": "approval"})
    second = res.click(linkid=None, href="page=2")
    assert "type=approval" in second.request.url and "center=640100" in second.request.url
    assert second.html.select_one('select[name="type"] option[selected]')["value"] == "approval"


def test_keyword_results_rank_by_relevance_then_name(demo_app):
    items = titles(demo_app, q="食品经营许可", center="640104")
    # The three 食品经营许可 items match in their names and materials alike: name order.
    assert items[:3] == sorted(items[:3])
    assert all("食品经营许可" in t for t in items[:3])


def test_center_filter(demo_app):
    for item in every(demo_app, center="640104"):
        assert item["center"] == "640104"


def test_city_includes_its_counties_and_the_region_level_center_only_itself(demo_app):
    city = {i["center"] for i in every(demo_app, center="640100")}
    assert city == {"640100", "640104"}
    assert {i["center"] for i in every(demo_app, center="640000")} == {"640000"}
    everything = {i["center"] for i in every(demo_app, center="")}
    assert everything == {"640000", "640100", "640104"}


def test_department_filter_within_a_center(demo_app):
    found = every(demo_app, center="640104", department="sw")
    assert found and {(i["center"], i["department"]) for i in found} == {("640104", "sw")}


def test_department_filter_across_a_city(demo_app):
    found = every(demo_app, center="640100", department="scjg")
    assert {(i["center"], i["department"]) for i in found} == {
        ("640100", "scjg"),
        ("640104", "scjg"),
    }


def test_type_group_and_depth_filters(demo_app):
    for group, types in (("approval", {"行政许可"}), ("public", {"公共服务"})):
        assert {i["type"] for i in every(demo_app, center="640104", type=group)} == types
    other = {i["type"] for i in every(demo_app, center="640104", type="other")}
    assert other and not other & {"行政许可", "公共服务"}
    found = every(demo_app, center="640104", depth="网上预审")
    assert found and {i["depth"] for i in found} == {"网上预审"}


def test_filters_combine(demo_app):
    found = every(
        demo_app, q="许可", center="640104", department="scjg", type="approval", depth="网上办结"
    )
    assert found
    for i in found:
        assert (i["center"], i["department"], i["type"], i["depth"]) == (
            "640104",
            "scjg",
            "行政许可",
            "网上办结",
        )
        assert "许可" in i["title"] or "许可" in i["code"]
    narrower = every(
        demo_app, q="许可", center="640104", department="scjg", type="approval", depth="网上受理"
    )
    assert {i["title"] for i in narrower}.isdisjoint({i["title"] for i in found})


def test_json_answer_has_every_field(demo_app):
    data = search(demo_app, q="食品经营许可", center="640104")
    assert set(data) >= {"items", "total", "page", "pages", "errors", "query"}
    item = data["items"][0]
    assert set(item) >= {"url", "title", "code", "center", "department", "type", "depth"}
    assert item["url"].startswith("http://localhost/centers/640104/")
    assert (data["page"], data["pages"]) == (1, 1)


def test_the_department_choices_depend_on_the_center(demo_app):
    def choices(center):
        res = demo_app.get("/search", params={"center": center})
        return [o.text for o in res.html.select('select[name="department"] option')][1:]

    county = choices("640104")
    assert "兴庆区市场监督管理局" in county
    assert "银川市市场监督管理局" not in county
    city = choices("640100")  # the city and its counties: the names without the center's
    assert "市场监督管理局" in city and "兴庆区市场监督管理局" not in city
    assert "市场监督管理厅" in choices("")


@pytest.mark.parametrize(
    "params,field,message",
    [
        ({"page": "-1"}, None, "页码应为正整数"),
        ({"page": "abc"}, None, "页码应为正整数"),
        ({"center": "999999"}, "center", "“999999”不是有效的服务中心"),
        ({"center": "<script>"}, "center", "不是有效的服务中心"),
        ({"center": "640104", "department": "nope"}, "department", "不是所选范围内的部门"),
        ({"type": "行政许可"}, "type", "不是有效的事项分类"),
        ({"depth": "全部"}, "depth", "不是有效的办理深度"),
        ({"q": "食" * 101}, "q", "不要超过100个字符"),
    ],
)
def test_malformed_parameters_give_a_normal_page_with_a_message(demo_app, params, field, message):
    res = demo_app.get("/search", params=params)
    assert message in res.html.select_one(".search-errors").text
    if field:
        assert message in res.html.select_one(f'[name="{field}"] ~ .invalid-feedback').text
    assert res.html.select(".search-results tbody tr")  # the rest of the search still ran
    data = demo_app.get("/search", params=params, headers=JSON).json
    assert data["errors"] and data["items"]


def test_an_undecodable_address_is_a_normal_page(demo_app):
    res = demo_app.get("/search?q=%E9&center=")
    assert "网址中有无法识别的字符" in res.text
    assert demo_app.get("/centers/640100/?page_approval=%FF").html.select(".item-table")


def test_page_beyond_the_last_shows_the_last(demo_app):
    data = search(demo_app, center="640104", page="9999")
    assert data["page"] == data["pages"] and data["items"]


def test_the_search_is_linked_from_every_page_and_the_home_page(demo_app):
    res = demo_app.get("/centers/640100/")
    assert res.html.select_one('.site-nav a[href$="/search"]').text == "查找事项"
    home = demo_app.get("/")
    res = home.click(href=r"/search$", index=0)
    assert res.html.h1.text == "查找事项"
