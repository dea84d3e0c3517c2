"""Stored vocabulary values (item types, handling depths, material forms, announcement
categories) read in the reader's language, while the stored values stay what links carry."""

from ningxia_portal.catalogue.resources import DEPTH_TITLES, ITEM_TYPE_TITLES


def item_page(client, **params):
    centers = client.get("/centers/640100/", params=params)
    link = centers.html.select_one("main table a[href*='/centers/640100/']")
    return client.get(link["href"], params=params)


def cells(res):
    return {
        th.get_text(strip=True): th.find_next_sibling("td").get_text(" ", strip=True)
        for th in res.html.select("main table th[scope=row]")
    }


def test_an_item_reads_its_type_and_depth_in_english(demo_app):
    shown = cells(item_page(demo_app, _LOCALE_="en"))
    assert shown["Item type"].split(" ")[0] in ("Administrative", "Other", "Public")
    assert shown["Online handling depth"] in {
        "Online pre-review",
        "Online acceptance",
        "Completed online",
    }


def test_an_item_reads_the_stored_words_in_chinese(demo_app):
    shown = cells(item_page(demo_app))
    assert shown["事项类型"].split("（")[0] in ITEM_TYPE_TITLES
    assert shown["网上办理深度"] in DEPTH_TITLES


def test_the_search_filter_names_depths_in_english_and_sends_the_stored_value(demo_app):
    res = demo_app.get("/search", params={"_LOCALE_": "en"})
    options = {o.get_text(strip=True): o["value"] for o in res.html.select("#search-depth option")}
    assert options["Online pre-review"] == "网上预审"
    assert options["Completed online"] == "网上办结"


def test_announcement_categories_read_in_english(demo_app):
    res = demo_app.get("/announcements/", params={"_LOCALE_": "en"})
    options = [o.get_text(strip=True) for o in res.html.select("#ann-category option")][1:]
    assert options == ["Policy announcement", "Notice", "Policy interpretation"]
    badges = {b.get_text(strip=True) for b in res.html.select("main .category-badge")}
    assert badges and badges <= set(options)
