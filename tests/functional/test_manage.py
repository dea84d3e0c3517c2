"""Catalogue management: who may do what, the forms, and the catalog kept current."""

import pytest
import webtest
from persistent import Persistent

from ningxia_portal import main
from ningxia_portal.accounts.resources import KIND_STAFF
from tests.conftest import DEMO_CENTERS, base_settings, committing, create_user, login

JSON = {"Accept": "application/json"}
ITEM = "/centers/640104/scjg/xk-scjg-001/"


class Filing(Persistent):
    """Stands in for a real Filing: what the catalog indexes of one (its own case_* indexes,
    never the public catalogue's center/department/item)."""

    __name__ = None
    __parent__ = None

    def __init__(self, center, department, item):
        self.case_item = f"{center}/{department}/{item}"


@pytest.fixture
def portal():
    settings = base_settings(
        **{
            "portal.demo": "true",
            "portal.demo_centers": DEMO_CENTERS,
        }
    )
    return main({}, **settings)


def write(wsgi_app, change):
    with committing(wsgi_app) as root:
        return change(root)


def client(wsgi_app, username=None, roles=(), grants=(), kind=KIND_STAFF):
    """A browser; logged in through /login as a new user with ``roles``/``grants``."""
    app = webtest.TestApp(wsgi_app)
    if username:
        create_user(wsgi_app, username, kind=kind, roles=roles or None, grants=grants)
        login(app, username, f"{username}1234")
    return app


def hits(app, q, center=""):
    return app.get("/search", params={"q": q, "center": center}, headers=JSON).json["total"]


MANAGED = [
    ("/centers/@@add-center", "640000"),
    ("/centers/640104/@@edit", "640104"),
    ("/centers/640104/@@add-department", "640104"),
    ("/centers/640104/scjg/@@edit", "640104"),
    ("/centers/640104/scjg/@@add-item", "640104"),
    ("/centers/640104/scjg/@@delete", "640104"),
    (ITEM + "@@edit", "640104"),
    (ITEM + "@@delete", "640104"),
    ("/centers/640104/@@delete", "640000"),
]


@pytest.mark.parametrize("path,_scope", MANAGED)
def test_who_may_manage(portal, path, _scope):
    anonymous = client(portal).get(path, status=302)
    assert anonymous.location.startswith("http://localhost/login?came_from=")
    assert anonymous.follow().forms["login"]
    enterprise = client(portal, "ent", kind="enterprise")
    assert "无权访问" in enterprise.get(path, status=403).text
    other_center = client(portal, "ed-yc", grants=[("editor", "640100")])
    assert other_center.get(path, status=403)
    for who in (
        client(portal, "ed", roles=["editor"]),
        client(portal, "adm", roles=["admin"]),
    ):
        assert who.get(path).html.h1.text


def test_a_center_editor_manages_that_center_only(portal):
    editor = client(portal, "ed-xq", grants=[("editor", "640104")])
    assert editor.get("/centers/640104/scjg/@@edit").forms["manage-form"]
    assert editor.get(ITEM + "@@edit").forms["manage-form"]
    editor.get("/centers/640100/scjg/@@edit", status=403)
    editor.get("/centers/@@add-center", status=403)
    editor.get("/centers/640104/@@delete", status=403)  # removing a center: portal editors
    bar = editor.get("/centers/640104/").html.select(".manage-bar a")
    assert [a.text for a in bar] == ["编辑中心", "新增部门"]
    assert editor.get("/centers/640100/").html.select(".manage-bar") == []


def test_edit_links_show_to_editors(portal):
    editor = client(portal, "ed", roles=["editor"])
    res = editor.get(ITEM)
    links = [a.text for a in res.html.select(".manage-bar a")]
    assert links == ["编辑事项", "删除事项"]
    assert res.click(description="编辑事项").forms["manage-form"]
    assert [a.text for a in editor.get("/centers/").html.select(".manage-bar a")] == [
        "新增服务中心"
    ]


def test_editing_an_item_is_searchable_at_once(portal):
    editor = client(portal, "ed", roles=["editor"])
    assert hits(editor, "冷链食品经营许可") == 0
    form = editor.get(ITEM + "@@edit").forms["manage-form"]
    assert form["title"].value == "食品经营许可（新办）"
    form["title"] = "冷链食品经营许可"
    form.set("name", "冷库温度记录表", index=0)  # the first material's name
    res = form.submit("save").follow()
    assert res.html.h1.text == "冷链食品经营许可"
    assert res.html.select(".materials tbody tr")[0].find_all("td")[1].text == "冷库温度记录表"
    assert hits(editor, "冷链食品") == 1
    assert hits(editor, "冷库温度") == 1  # a material's new name
    assert hits(editor, "食品经营许可（新办）", "640104") == 0


def test_invalid_input_comes_back_with_the_values_and_nothing_is_written(portal):
    editor = client(portal, "ed", roles=["editor"])
    form = editor.get(ITEM + "@@edit").forms["manage-form"]
    form["title"] = "改了名字的事项"
    form["statutory_days"] = "5"
    form["promised_days"] = "10"
    res = form.submit("save")
    assert res.status_int == 200
    assert "不能超过法定时限" in res.text
    again = res.forms["manage-form"]
    assert again["title"].value == "改了名字的事项" and again["promised_days"].value == "10"
    assert hits(editor, "改了名字") == 0
    assert editor.get(ITEM).html.h1.text == "食品经营许可（新办）"


def test_adding_a_center_a_department_and_an_item(portal):
    admin = client(portal, "adm", roles=["admin"])
    form = admin.get("/centers/").click(description="新增服务中心").forms["manage-form"]
    form["code"] = "640105"
    form["title"] = "西夏区"
    form["level"] = "county"
    form["parent_code"] = "640100"
    res = form.submit("save").follow()
    assert res.request.path == "/centers/640105/" and res.html.h1.text.startswith("西夏区")
    assert "西夏区" in [o.text for o in res.html.select("#region-select option")]

    form = res.click(description="新增部门").forms["manage-form"]
    form["name"] = "scjg"
    form["title"] = "西夏区市场监督管理局"
    res = form.submit("save").follow()
    assert res.request.path == "/centers/640105/scjg/"

    form = res.click(description="新增事项").forms["manage-form"]
    form["code"] = "XK-SCJG-900"
    form["title"] = "西夏区烘焙小作坊登记"
    form["item_type"] = "行政许可"
    form["statutory_days"] = "20"
    form["promised_days"] = "5"
    form["depth"] = "网上受理"
    res = form.submit("save").follow()
    assert res.request.path == "/centers/640105/scjg/xk-scjg-900/"
    assert "网上受理" in res.text
    found = admin.get("/search", params={"q": "烘焙"}, headers=JSON).json["items"]
    assert [(i["title"], i["center"]) for i in found] == [("西夏区烘焙小作坊登记", "640105")]
    # The city now includes it, the county of 兴庆区 does not.
    assert hits(admin, "烘焙", "640100") == 1 and hits(admin, "烘焙", "640104") == 0


def test_an_item_is_added_with_its_materials(portal):
    """The materials sequence as deform posts it (the browser test clicks "add" instead)."""
    editor = client(portal, "ed", roles=["editor"])
    form = editor.get("/centers/640104/scjg/@@add-item").forms["manage-form"]
    form["code"] = "GG-SCJG-901"
    form["title"] = "老字号认定咨询"
    form["item_type"] = "公共服务"
    form["statutory_days"] = "0"
    form["promised_days"] = "0"
    form["depth"] = "网上预审"
    params = []
    for name, value in form.submit_fields():
        params.append((name, value))
        if (name, value) == ("__start__", "materials:sequence"):  # two rows, as "add" makes
            for material, required in (("老字号历史沿革说明", True), ("商标注册证", False)):
                params += [("__start__", "material:mapping"), ("name", material)]
                params += [("required", "true")] if required else []
                params += [("copies", "复印件1份"), ("form", "电子"), ("notes", "")]
                params.append(("__end__", "material:mapping"))
    params.append(("save", "save"))
    res = editor.post("/centers/640104/scjg/@@add-item", params=params).follow()
    rows = [[td.text for td in tr.find_all("td")] for tr in res.html.select(".materials tbody tr")]
    assert rows == [
        ["1", "老字号历史沿革说明", "必要", "复印件1份", "电子", ""],
        ["2", "商标注册证", "非必要", "复印件1份", "电子", ""],
    ]
    assert hits(editor, "历史沿革") == 1


def test_duplicate_codes_and_names_are_refused_at_the_field(portal):
    editor = client(portal, "ed", roles=["editor"])
    form = editor.get("/centers/640104/scjg/@@add-item").forms["manage-form"]
    form["code"] = "xk-scjg-001"
    form["title"] = "重复的事项"
    res = form.submit("save")
    assert "本部门已有该编码的事项" in res.text
    form = editor.get("/centers/640104/@@add-department").forms["manage-form"]
    form["name"] = "scjg"
    form["title"] = "重复的部门"
    assert "本中心已有使用该简称的部门" in form.submit("save").text
    admin = client(portal, "adm", roles=["admin"])
    form = admin.get("/centers/@@add-center").forms["manage-form"]
    form["code"] = "640104"
    form["title"] = "重复"
    form["level"] = "city"
    res = form.submit("save")
    assert "该区划代码的服务中心已存在" in res.text
    form = res.forms["manage-form"]
    form["code"] = "640105"  # a new code, but a city must belong to the region
    form["parent_code"] = ""
    res = form.submit("save")
    assert "地市隶属于自治区，县区隶属于地市" in res.text
    assert admin.get("/centers/640105/", status=404)


def test_removing_a_department_lists_what_goes_then_removes_it(portal):
    editor = client(portal, "ed", roles=["editor"])
    before = hits(editor, "", "640104")
    dept_items = editor.get("/centers/640104/scjg/", headers=JSON).json["total"]
    res = editor.get("/centers/640104/scjg/").click(description="删除部门")
    assert f"及其 {dept_items} 项事项" in res.text
    assert any("食品经营许可（新办）" in li.text for li in res.html.select(".will-go li"))
    res = res.forms["confirm-delete"].submit().follow()
    assert res.request.path == "/centers/640104/"
    assert "“兴庆区市场监督管理局”已删除。" in res.html.select_one(".flash").text
    assert "兴庆区市场监督管理局" not in [a.text for a in res.html.select(".department-list a")]
    assert hits(editor, "", "640104") == before - dept_items
    editor.get("/centers/640104/scjg/", status=404)


def test_removing_an_item(portal):
    editor = client(portal, "ed", roles=["editor"])
    res = editor.get(ITEM).click(description="删除事项")
    assert "删除“食品经营许可（新办）”" in res.text
    res.forms["confirm-delete"].submit().follow()
    assert hits(editor, "食品经营许可（新办）", "640104") == 0
    editor.get(ITEM, status=404)


def test_nothing_with_filings_is_removed(portal):
    def add_filing(root):
        root["filings"].add("640104-20260302-000001", Filing("640104", "scjg", "xk-scjg-001"))

    write(portal, add_filing)
    editor = client(portal, "ed", roles=["editor"])
    for path in ("/centers/640104/scjg/", ITEM, "/centers/640104/"):
        res = editor.get(path + "@@delete")
        assert "不能删除：已有 1 件办件与之关联" in res.html.select_one(".refusal").text
        assert not res.html.select("form.confirm-delete")
        token = editor.get(ITEM + "@@edit").forms["manage-form"]["csrf_token"].value
        res = editor.post(path + "@@delete", params={"csrf_token": token, "confirm": "yes"})
        assert "不能删除" in res.text
        assert editor.get(path).status_int == 200
    # Another department of the same center can still go.
    res = editor.get("/centers/640104/sw/@@delete")
    assert not res.html.select(".refusal")


def test_filings_count_for_their_item_its_department_and_center_only(registry):
    from types import SimpleNamespace

    from ningxia_portal.catalogue.manage import filings_of
    from ningxia_portal.core.root import Portal
    from ningxia_portal.indexing.catalog import make_catalog

    root = Portal()
    root.catalog = make_catalog(registry)
    keys = ("640104/scjg/a", "640104/scjg/a", "640104/scjg/b", "640104/scjgx/c", "6401040/x/y")
    for docid, key in enumerate(keys, 1):
        root.catalog["case_item"].index_doc(docid, SimpleNamespace(case_item=key))
    request = SimpleNamespace(root=root)
    assert filings_of(request, "640104/scjg/a") == (2, 0)
    assert filings_of(request, "640104/scjg") == (3, 0)  # not scjgx's
    assert filings_of(request, "640104") == (4, 0)  # not 6401040's
    assert filings_of(request, "640105") == (0, 0)
    # Drafts are counted apart (cases, drafts); another kind's draft is not a filing's.
    from ningxia_portal.catalogue.manage import FILING_DRAFT
    from ningxia_portal.filings.workflow import DRAFT

    assert FILING_DRAFT == DRAFT
    for docid in (2, 4, 6):  # drafts of 640104/scjg/a, of 640104/scjgx/c, and no filing
        root.catalog["state"].index_doc(docid, SimpleNamespace(state=DRAFT))
    assert filings_of(request, "640104/scjg/a") == (1, 1)
    assert filings_of(request, "640104/scjg") == (2, 1)
    assert filings_of(request, "640104") == (2, 2)
    assert filings_of(request, "6401040") == (1, 0)


def test_a_post_without_the_csrf_token_changes_nothing(portal):
    editor = client(portal, "ed", roles=["editor"])
    editor.post(ITEM + "@@delete", params={"confirm": "yes"}, status=400)
    res = editor.get(ITEM)  # the item is still there, with its materials
    assert res.status_int == 200 and res.html.select(".materials tbody tr")


def test_the_back_office_leads_to_the_catalogue(portal):
    editor = client(portal, "ed", roles=["editor"])
    landing = editor.get("/manage/")
    section = landing.click(description="事项目录")
    assert section.request.path == "/manage/catalogue/"
    assert [a.text for a in section.html.select(".manage-centers td a")][:1] == ["宁夏回族自治区"]
    assert section.click(description="新增服务中心").forms["manage-form"]
    assert (
        "事项目录"
        not in client(portal, "ent", kind="enterprise")
        .get("/manage/catalogue/", status=403)
        .text.split("<main")[1]
        .split("</h1>")[0]
    )


def test_evolve_step_4_adds_the_catalogue_section_to_an_old_database(registry):
    from ningxia_portal.catalogue.evolve import step004
    from ningxia_portal.catalogue.resources import CatalogueSection
    from ningxia_portal.core.directives import manage_sections
    from ningxia_portal.core.evolve import step001, step003
    from ningxia_portal.core.root import Portal
    from ningxia_portal.indexing.evolve import step002

    root = Portal()
    for step in (step001, step002, step003):
        step.evolve(root, registry)
    root["manage"].remove("catalogue")  # a database from before step 4
    del root.catalog["item"]
    step004.evolve(root, registry)
    assert isinstance(root["manage"]["catalogue"], CatalogueSection)
    assert "item" in root.catalog
    step004.evolve(root, registry)  # idempotent
    assert len(root["manage"]) == len(manage_sections(registry))
