"""选择地区: the picker on every page, its persistence, and what the choice scopes."""

import pytest

from ningxia_portal import main
from ningxia_portal.catalogue.region import REGION_COOKIE
from tests.conftest import DEMO_CENTERS, base_settings

JSON = {"Accept": "application/json"}


@pytest.fixture(scope="module")
def demo_wsgi_app():
    """One demo portal for the module: these tests only read (each gets its own client)."""
    return main({}, **base_settings(**{"portal.demo": "true", "portal.demo_centers": DEMO_CENTERS}))


def picker(res):
    form = res.html.select_one("form.region-form")
    assert form is not None and form["method"] == "get"
    return form


@pytest.mark.parametrize(
    "path,status", [("/", 200), ("/centers/640100/", 200), ("/search", 200), ("/nowhere", 404)]
)
def test_the_picker_is_on_every_page(demo_app, path, status):
    res = demo_app.get(path, status=status)
    form = picker(res)
    groups = [g["label"] for g in form.select("optgroup")]
    assert groups == ["宁夏回族自治区", "银川市"]  # the demo holds the region and 银川市
    options = [(o["value"], o.text) for o in form.select("option")]
    assert options == [
        ("", "全区"),
        ("640000", "自治区本级"),
        ("640100", "银川市（全市）"),
        ("640104", "兴庆区"),
    ]
    assert form.select_one("option[selected]")["value"] == ""


def test_the_28_centers_are_offered_grouped_by_city(app, wsgi_app):
    import transaction

    from ningxia_portal.catalogue.demo import load_data
    from ningxia_portal.catalogue.resources import Center
    from ningxia_portal.core.root import APP_ROOT_KEY, get_database

    conn = get_database(wsgi_app.registry).open(
        transaction_manager=transaction.TransactionManager()
    )
    with conn.transaction_manager:
        centers = conn.root()[APP_ROOT_KEY]["centers"]
        for c in load_data()["centers"]:
            centers.add(c["code"], Center(c["code"], c["name"], c["level"], c["parent"]))
    conn.close()
    form = picker(app.get("/"))
    assert len(form.select("optgroup")) == 6  # the region + 5 cities
    assert len([o for o in form.select("option") if o["value"]]) == 28
    assert [o.text for o in form.select('optgroup[label="固原市"] option')][:2] == [
        "固原市（全市）",
        "原州区",
    ]


def test_choosing_without_javascript_remembers_it_in_a_cookie(demo_app):
    res = demo_app.get("/centers/640100/")
    form = res.forms[0]
    assert form.action.endswith("/set-region")
    form["region"] = "640104"
    back = form.submit()
    assert back.status_int == 302 and back.location == "http://localhost/centers/640100/"
    assert demo_app.cookies[REGION_COOKIE] == "640104"
    page = back.follow()
    assert picker(page).select_one("option[selected]")["value"] == "640104"
    assert picker(demo_app.get("/search")).select_one("option[selected]").text == "兴庆区"


def test_an_anonymous_picker_has_no_csrf_token(demo_app):
    """Anonymous pages are the same for everyone (and cached): no session token in them."""
    form = picker(demo_app.get("/"))
    assert form.select_one('input[name="csrf_token"]') is None
    assert "portal_session" not in demo_app.cookies


def test_came_from_must_be_on_this_site(demo_app):
    for target in (
        "https://evil.example/",
        "//evil.example/x",
        "javascript:alert(1)",
        "/\\evil.example",
    ):
        res = demo_app.get("/set-region", params={"region": "640100", "came_from": target})
        assert res.location == "http://localhost/"
    res = demo_app.get(
        "/set-region", params={"region": "640100", "came_from": "http://localhost/search?q=x"}
    )
    assert res.location == "http://localhost/search?q=x"


def test_an_unknown_region_changes_nothing(demo_app):
    demo_app.get("/set-region", params={"region": "640104"})
    for bad in ("999999", "abc", "640104/scjg", "../"):
        res = demo_app.get("/set-region", params={"region": bad, "came_from": "/"})
        assert res.status_int == 302
    assert demo_app.cookies[REGION_COOKIE] == "640104"


def test_a_stale_cookie_counts_as_the_whole_region(demo_app):
    demo_app.set_cookie(REGION_COOKIE, "640205")  # a center this portal doesn't hold
    assert picker(demo_app.get("/")).select_one("option[selected]")["value"] == ""


def home_counts(app):
    res = app.get("/")
    counts = [int(p.text.split()[0]) for p in res.html.select(".category-count")]
    return counts, res


def test_the_choice_scopes_the_home_page_counts(demo_app):
    whole, res = home_counts(demo_app)
    assert "全区" in res.html.select_one(".region-note").text
    demo_app.get("/set-region", params={"region": "640104"})
    county, res = home_counts(demo_app)
    assert "兴庆区" in res.html.select_one(".region-note").text
    demo_app.get("/set-region", params={"region": "640100"})
    city, _ = home_counts(demo_app)
    demo_app.get("/set-region", params={"region": "640000"})
    region_level, _ = home_counts(demo_app)
    for group in range(3):
        assert city[group] > county[group]
        # 全区 = the region-level center + the city + its county
        assert whole[group] == region_level[group] + city[group]


def test_home_counts_by_department_link_to_the_search(demo_app):
    demo_app.get("/set-region", params={"region": "640104"})
    res = demo_app.get("/")
    first = res.html.select_one(".department-counts li")
    title, count = first.a.text, int(first.select_one(".count").text)
    assert title.startswith("兴庆区")
    found = demo_app.get(first.a["href"], headers=JSON).json
    assert found["total"] == count
    assert {i["department_title"] for i in found["items"]} == {title}


def test_the_choice_is_the_search_default_scope(demo_app):
    demo_app.get("/set-region", params={"region": "640104"})
    data = demo_app.get("/search", headers=JSON).json
    assert data["query"]["center"] == "640104"
    assert {i["center"] for i in data["items"]} == {"640104"}
    # An explicit choice in the search form wins, 全区 included.
    everywhere = demo_app.get("/search", params={"center": ""}, headers=JSON).json
    assert everywhere["total"] > data["total"]


def test_current_region_rules(demo_wsgi_app):
    """What each choice stands for in a catalog query (documented in catalogue/region.py)."""
    from pyramid.request import Request
    from pyramid.scripting import prepare

    from ningxia_portal.catalogue.region import current_region, region_filters

    request = Request.blank("/", cookies={REGION_COOKIE: "640100"})
    env = prepare(request=request, registry=demo_wsgi_app.registry)
    request.root = env["root"]
    try:
        assert current_region(request) == "640100"
        assert region_filters(request, "") == {}  # 全区
        assert region_filters(request, "640000") == {"center": "640000"}  # 自治区本级 only
        assert region_filters(request, "640100") == {"scope": "640100"}  # city + counties
        assert region_filters(request, "640104") == {"scope": "640104"}  # the county
        assert region_filters(request, "nope") == {}
    finally:
        env["closer"]()
