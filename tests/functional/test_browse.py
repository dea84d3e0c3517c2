"""Browsing the tree as an anonymous visitor: home → center → department → item."""

import webtest

from ningxia_portal import main
from tests.conftest import base_settings


def test_home_lists_item_categories_and_links_to_centers(demo_app):
    res = demo_app.get("/")
    assert "宁夏政务服务中心网上办事大厅" in res.text
    for group in ("行政审批", "非行政审批", "公共服务"):
        assert group in res.text
    assert res.html.find("a", href="http://localhost/centers/640100/").text == "银川市"
    assert res.html.find("html")["lang"] == "zh-CN"


def test_home_follows_into_a_center(demo_app):
    res = demo_app.get("/").click(description="银川市", index=0)
    assert res.request.path == "/centers/640100/"
    assert res.html.h1.text.startswith("银川市")


def test_center_page_shows_its_departments(demo_app):
    res = demo_app.get("/centers/640100/")
    names = [a.text for a in res.html.select(".department-list a")]
    assert "银川市市场监督管理局" in names
    assert len(names) >= 6
    crumbs = [li.text.strip() for li in res.html.select(".breadcrumbs li")]
    assert crumbs == ["首页", "服务中心", "银川市"]


def test_region_center_uses_region_department_names(demo_app):
    res = demo_app.get("/centers/640000/")
    assert "宁夏回族自治区市场监督管理厅" in res.text


def test_department_lists_its_items_and_links_them(demo_app):
    res = demo_app.get("/centers/640100/scjg/")
    rows = res.html.select(".item-table tbody tr")
    assert rows and rows[0].a is not None
    item = res.click(href=rows[0].a["href"])
    assert item.html.select(".materials tbody tr")


def test_item_page_shows_every_field_and_the_materials(demo_app, open_root, demo_wsgi_app):
    with open_root(demo_wsgi_app) as root:
        dept = root["centers"]["640100"]["scjg"]
        name, item = next(iter(dept.items()))
        expected = [m.name for m in item.materials]
        fields = (item.code, item.legal_basis, item.depth, item.fee)
    res = demo_app.get(f"/centers/640100/scjg/{name}/")
    assert res.html.h1.text == item.title
    for value in fields:
        assert value in res.text
    for label in (
        "事项编码",
        "设定依据",
        "受理条件",
        "法定时限",
        "承诺时限",
        "收费标准",
        "到现场次数",
        "网上办理深度",
        "实施部门",
    ):
        assert label in res.text
    rows = res.html.select(".materials tbody tr")
    assert [r.find_all("td")[1].text for r in rows] == expected


def test_item_answers_json(demo_app):
    res = demo_app.get("/centers/640100/scjg/", headers={"Accept": "application/json"})
    first = res.json["items"][0]
    detail = demo_app.get(first["url"], headers={"Accept": "application/json"}).json
    assert detail["title"] == first["title"] and detail["materials"]
    assert detail["center"] == "640100"


def test_unknown_paths_get_the_chinese_404(demo_app):
    for path in (
        "/nowhere",
        "/centers/999999/",
        "/centers/640100/nodept/",
        "/centers/640100/scjg/x/",
    ):
        res = demo_app.get(path, status=404)
        assert "页面不存在" in res.text


def test_malformed_page_parameter_gives_a_normal_page(demo_app):
    for value in ("-1", "abc", "0", "99999"):
        res = demo_app.get(f"/centers/640100/scjg/?page={value}")
        assert res.html.select(".item-table tbody tr a")


def test_english_through_i18n(demo_app):
    res = demo_app.get("/?_LOCALE_=en")
    assert "Item categories" in res.text and "事项分类" not in res.text


def test_restart_keeps_the_data(tmp_path):
    uri = f"file://{tmp_path}/Data.fs?blobstorage_dir={tmp_path}/blobs"
    settings = base_settings(
        **{"zodbconn.uri": uri, "portal.demo": "true", "portal.demo_centers": "640000 640100"}
    )
    first = main({}, **settings)
    assert "银川市" in webtest.TestApp(first).get("/centers/640100/").text
    first.registry._zodb_databases[""].close()

    second = main({}, **settings)  # no second demo load: the root remembers it
    res = webtest.TestApp(second).get("/centers/640100/")
    assert "银川市" in res.text
    assert len(res.html.select(".department-list a")) >= 6
    second.registry._zodb_databases[""].close()
