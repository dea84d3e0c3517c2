"""The header's region choices are kept between requests, and an edit of a center shows at once."""

import transaction

from ningxia_portal.catalogue import region
from ningxia_portal.core.events import ObjectModified
from ningxia_portal.core.root import APP_ROOT_KEY, get_database


def options(res):
    return [(o["value"], o.text) for o in res.html.select("form.region-form option")]


def test_a_renamed_center_shows_in_the_picker_on_the_next_page(
    demo_app, demo_wsgi_app, monkeypatch
):
    built = []
    build = region._center_choices
    monkeypatch.setattr(region, "_center_choices", lambda *a: built.append(1) or build(*a))
    assert ("640104", "兴庆区") in options(demo_app.get("/"))
    assert ("640104", "兴庆区") in options(demo_app.get("/search"))  # from the kept choices
    assert len(built) == 1  # built for the first page, kept for the second
    db = get_database(demo_wsgi_app.registry)
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    try:
        with tm:
            center = conn.root()[APP_ROOT_KEY]["centers"]["640104"]
            center.title = "兴庆区政务服务中心"
            demo_wsgi_app.registry.notify(ObjectModified(center))
    finally:
        conn.close()
    assert ("640104", "兴庆区政务服务中心") in options(demo_app.get("/search"))
    assert len(built) == 2  # the edit made them be built again
