"""Display preferences as a visitor meets them: the header's skin menu, 长者模式 switch and
中文/English switch; cookies for visitors, the profile for users; never one viewer's choice
shown to another through a kept page or header."""

import pytest
import webtest
from pyramid.exceptions import ConfigurationError

from ningxia_portal import main
from ningxia_portal.web.skins import ELDER_COOKIE, SKIN_COOKIE, skin_names
from tests.conftest import PERSONAS, login, persona_password

SAME_SITE = {"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"}


def html_element(res):
    return res.html.select_one("html")


def skin_of(res):
    return html_element(res)["data-skin"]


def is_elder(res):
    return "elder" in (html_element(res).get("class") or [])


def header_form(res, action):
    for form in res.forms.values():
        if form.action.endswith("/" + action):
            return form
    raise AssertionError(f"no /{action} form in the header")


def choose_skin(testapp, name, page="/"):
    form = header_form(testapp.get(page), "skin")
    form["skin"] = name
    return form.submit(headers=SAME_SITE)


def switch_elder(testapp, page="/"):
    return header_form(testapp.get(page), "elder").submit(headers=SAME_SITE)


def switch_language(testapp, page="/"):
    return header_form(testapp.get(page), "language").submit("language", headers=SAME_SITE)


def first_item_path(testapp):
    hits = testapp.get("/search", headers={"Accept": "application/json"}).json
    return hits["items"][0]["url"].split("localhost", 1)[-1]


def test_a_visitor_sees_the_default_skin_and_its_stylesheet(demo_app):
    res = demo_app.get("/")
    assert skin_of(res) == "blue"
    assert not is_elder(res)
    links = [link["href"] for link in res.html.select("link[rel=stylesheet]")]
    assert links[-1] == "http://localhost/skins/blue/skin.css"
    css = demo_app.get("/skins/blue/skin.css")
    assert "--portal-primary" in css.text
    options = res.html.select("#skin-select option")
    assert [(o["value"], o.text) for o in options] == [
        ("blue", "政务蓝"),
        ("red", "中国红"),
        ("teal", "青绿"),
        ("contrast", "高对比度"),
    ]


def test_a_visitor_chooses_a_skin_and_goes_back_to_the_page(demo_app):
    page = "/centers/"
    res = choose_skin(demo_app, "red", page)
    assert res.status_int == 302
    assert res.location == "http://localhost/centers/"
    assert demo_app.cookies[SKIN_COOKIE] == "red"
    back = res.follow()
    assert skin_of(back) == "red"
    assert back.html.select_one("#skin-select option[selected]")["value"] == "red"
    assert back.html.select("link[rel=stylesheet]")[-1]["href"].endswith("/skins/red/skin.css")


def test_an_unknown_skin_changes_nothing(demo_app):
    choose_skin(demo_app, "teal")
    res = demo_app.post("/skin", {"skin": "purple", "came_from": "/"}, headers=SAME_SITE)
    assert res.status_int == 302
    assert skin_of(res.follow()) == "teal"
    demo_app.set_cookie(SKIN_COOKIE, "../../etc")  # a forged cookie is the default
    assert skin_of(demo_app.get("/")) == "blue"


def test_another_site_cannot_change_a_visitors_skin(demo_app):
    res = demo_app.post(
        "/skin",
        {"skin": "contrast", "came_from": "/"},
        headers={"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"},
        status=400,
    )
    assert "表单已过期" in res.html.select_one("h1").get_text()
    assert SKIN_COOKIE not in demo_app.cookies
    assert skin_of(demo_app.get("/")) == "blue"


@pytest.mark.parametrize(
    "page", ["/", "/centers/", "/search?q=%E9%A3%9F%E5%93%81", "ITEM", "/announcements/"]
)
def test_two_visitors_with_two_choices_see_their_own_on_the_same_kept_page(demo_wsgi_app, page):
    plain, red, elder = (webtest.TestApp(demo_wsgi_app) for _ in range(3))
    if page == "ITEM":
        page = first_item_path(plain)
    choose_skin(red, "red")
    switch_elder(elder)
    for _ in range(2):  # the second time from the kept pages and headers
        for client, skin, old in (
            (plain, "blue", False),
            (red, "red", False),
            (elder, "blue", True),
        ):
            res = client.get(page)
            assert (skin_of(res), is_elder(res)) == (skin, old), page
            switch = res.html.select_one(".elder-switch")
            assert switch["aria-pressed"] == ("true" if old else "false")
            selected = res.html.select_one("#skin-select option[selected]")["value"]
            assert selected == skin


def test_two_users_of_one_audience_see_their_own_skin(as_persona):
    a, b = as_persona("enterprise_a"), as_persona("enterprise_b")
    choose_skin(a, "contrast").follow()
    for _ in range(2):
        assert skin_of(a.get("/")) == "contrast"
        assert skin_of(b.get("/")) == "blue"
        assert skin_of(a.get("/centers/")) == "contrast"
        assert skin_of(b.get("/centers/")) == "blue"


def test_a_users_choices_are_kept_in_the_profile_and_follow_them(
    enterprise_a_app, demo_wsgi_app, open_root
):
    choose_skin(enterprise_a_app, "teal").follow()
    switch_elder(enterprise_a_app).follow()
    res = switch_language(enterprise_a_app).follow()
    assert res.html.select_one("html")["lang"] == "en"
    with open_root(demo_wsgi_app) as root:
        user = root["principals"]["qiye_a"]
        assert (user.skin, user.elder, user.language) == ("teal", True, "en")

    elsewhere = webtest.TestApp(demo_wsgi_app)  # another browser: no cookies
    assert skin_of(elsewhere.get("/")) == "blue"
    login(elsewhere, PERSONAS["enterprise_a"]["username"], persona_password("enterprise_a"))
    res = elsewhere.get("/")
    assert (skin_of(res), is_elder(res), html_element(res)["lang"]) == ("teal", True, "en")


def test_the_profile_wins_over_the_cookie_and_an_unchosen_profile_leaves_the_cookie(
    enterprise_a_app,
):
    enterprise_a_app.set_cookie(SKIN_COOKIE, "red")  # chosen before logging in
    assert skin_of(enterprise_a_app.get("/")) == "red"
    choose_skin(enterprise_a_app, "teal")
    enterprise_a_app.set_cookie(SKIN_COOKIE, "red")
    assert skin_of(enterprise_a_app.get("/")) == "teal"


def test_a_users_form_needs_the_session_token(enterprise_a_app, demo_wsgi_app, open_root):
    enterprise_a_app.post("/skin", {"skin": "red", "came_from": "/"}, status=400)
    enterprise_a_app.post("/elder", {"elder": "1", "came_from": "/"}, status=400)
    with open_root(demo_wsgi_app) as root:
        user = root["principals"]["qiye_a"]
        assert (user.skin, user.elder) == (None, None)


def test_elder_mode_switches_on_and_off(demo_app):
    res = switch_elder(demo_app, "/centers/")
    assert res.location == "http://localhost/centers/"
    assert demo_app.cookies[ELDER_COOKIE] == "1"
    page = res.follow()
    assert is_elder(page)
    assert page.html.select_one(".elder-switch")["aria-pressed"] == "true"
    page = header_form(page, "elder").submit(headers=SAME_SITE).follow()
    assert not is_elder(page)
    assert demo_app.cookies[ELDER_COOKIE] == "0"


def test_the_language_switch_goes_back_without_the_address_saying_otherwise(demo_app):
    res = demo_app.get("/centers/?_LOCALE_=en")
    assert html_element(res)["lang"] == "en"
    back = header_form(res, "language").submit("language", headers=SAME_SITE)
    assert back.location == "http://localhost/centers/"
    page = back.follow()
    assert html_element(page)["lang"] == "zh-CN"
    page = switch_language(demo_app, "/centers/").follow()
    assert html_element(page)["lang"] == "en"
    assert demo_app.cookies["_LOCALE_"] == "en"
    assert page.html.select_one("button[name=language]").text.strip() == "中文"


def test_a_link_to_a_form_address_changes_nothing(demo_app):
    res = demo_app.get("/skin?skin=red&came_from=/centers/")
    assert res.location == "http://localhost/centers/"
    assert SKIN_COOKIE not in demo_app.cookies


FOOTER = """<footer class="site-footer"><p class="green-footer">{{ _("Home") }}</p></footer>
"""


@pytest.fixture
def fifth_skin(tmp_path):
    folder = tmp_path / "skins" / "green"
    (folder / "templates" / "web").mkdir(parents=True)
    (folder / "skin.css").write_text(
        "/* label: 森林绿\n   label.en: Forest green */\n:root { --portal-primary: #14532d; }\n",
        encoding="utf-8",
    )
    (folder / "templates" / "web" / "footer.jinja2").write_text(FOOTER, encoding="utf-8")
    return tmp_path / "skins"


def fifth_skin_app(skins_dir, **more):
    settings = {
        "zodbconn.uri": "memory://",
        "portal.secret": "test-secret-not-for-production",
        "portal.password_hasher": "fast",
        "portal.clock": "ningxia_portal.core.clock.FrozenClock",
        "portal.skins": "blue red teal contrast green",
        "portal.skins_dir": str(skins_dir),
        **more,
    }
    return main({}, **settings)


def test_an_admin_adds_a_fifth_skin_by_the_ini(fifth_skin):
    wsgi = fifth_skin_app(fifth_skin)
    assert skin_names(wsgi.registry) == ("blue", "red", "teal", "contrast", "green")
    green, plain = webtest.TestApp(wsgi), webtest.TestApp(wsgi)
    res = green.get("/")
    assert res.html.select("#skin-select option")[-1].text == "森林绿"
    assert green.get("/?_LOCALE_=en").html.select("#skin-select option")[-1].text == "Forest green"
    page = choose_skin(green, "green").follow()
    assert skin_of(page) == "green"
    assert "#14532d" in green.get("/skins/green/skin.css").text
    # Its own footer (templates/web/footer.jinja2), for its viewers only, kept or not.
    for _ in range(2):
        assert green.get("/").html.select_one(".green-footer").text == "首页"
        assert plain.get("/").html.select_one(".green-footer") is None
        assert plain.get("/").html.select_one(".site-footer .lang-switch") is not None


def test_a_skin_named_but_missing_stops_start_up(tmp_path):
    with pytest.raises(ConfigurationError, match="purple"):
        fifth_skin_app(tmp_path, **{"portal.skins": "blue purple"})
    with pytest.raises(ConfigurationError, match="not a skin name"):
        fifth_skin_app(tmp_path, **{"portal.skins": "blue ../red"})
