"""Anonymous pages are stored (web/pagecache.py), never stale, never personal."""

import transaction

from ningxia_portal.core.root import APP_ROOT_KEY, get_database
from ningxia_portal.indexing.catalog import catalog_versions, reindex
from ningxia_portal.web.pagecache import get_page_cache
from tests.conftest import committing, create_user, login

ITEM = "/centers/640100/scjg/xk-scjg-001/"


def edit_item(wsgi_app, title):
    """Change the item's title as the management form does: edit, then reindex."""
    with committing(wsgi_app) as root:
        item = root["centers"]["640100"]["scjg"]["xk-scjg-001"]
        item.title = title
        reindex(item, root)


def test_an_anonymous_page_is_stored_and_an_edit_shows_at_once(demo_app, demo_wsgi_app):
    cache = get_page_cache(demo_wsgi_app.registry)
    first = demo_app.get(ITEM)
    assert len(cache) == 1
    assert demo_app.get(ITEM).text == first.text and len(cache) == 1
    edit_item(demo_wsgi_app, "食品经营许可（新办·改）")
    res = demo_app.get(ITEM)
    assert res.html.h1.text == "食品经营许可（新办·改）"
    # The item appears renamed in the search and on the department page as well.
    assert "食品经营许可（新办·改）" in demo_app.get("/search", {"q": "食品经营"}).text
    assert "食品经营许可（新办·改）" in demo_app.get("/centers/640100/scjg/").text


def test_each_address_locale_and_region_has_its_own_page(demo_app):
    zh = demo_app.get(ITEM)
    en = demo_app.get(ITEM + "?_LOCALE_=en")
    assert zh.html.html["lang"] == "zh-CN" and en.html.html["lang"] == "en"
    demo_app.set_cookie("portal_region", "640104")
    chosen = demo_app.get(ITEM).html.select_one("#region-select option[selected]")
    assert chosen["value"] == "640104"
    demo_app.set_cookie("portal_region", "")
    assert demo_app.get(ITEM).html.select_one("#region-select option[selected]")["value"] == ""


def test_a_logged_in_user_never_gets_the_anonymous_page(demo_app, demo_wsgi_app):
    demo_app.get(ITEM)
    create_user(demo_wsgi_app, "cachetest", title="宁夏缓存测试有限公司")
    login(demo_app, "cachetest", "cachetest1234")
    res = demo_app.get(ITEM)
    assert res.html.select_one(".account-name").text == "宁夏缓存测试有限公司"
    assert res.html.select_one("#header-logout input[name=csrf_token]")["value"]
    demo_app.reset()
    assert demo_app.get(ITEM).html.select_one(".account-name") is None


def test_versions_are_unknown_while_a_transaction_writes(demo_wsgi_app):
    db = get_database(demo_wsgi_app.registry)
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    try:
        root = conn.root()[APP_ROOT_KEY]
        before = catalog_versions(root, ("ServiceItem",))
        assert before is not None and before[1] > 0
        item = root["centers"]["640100"]["scjg"]["xk-scjg-001"]
        item.title = "x"
        reindex(item, root)
        assert catalog_versions(root, ("ServiceItem",)) is None
        tm.commit()
        after = catalog_versions(root, ("ServiceItem",))
        assert after[0] == before[0] and after[1] == before[1] + 1
    finally:
        tm.abort()
        conn.close()


def test_the_cache_can_be_turned_off(demo_settings):
    from webtest import TestApp

    from ningxia_portal import main

    wsgi = main({}, **dict(demo_settings, **{"portal.page_cache_entries": "0"}))
    TestApp(wsgi).get(ITEM)
    assert len(get_page_cache(wsgi.registry)) == 0
