"""The bench's red-skin pages send the visitor's cookie, and the portal answers them red."""

import webtest
from bench.pages import PAGES


def test_the_red_skin_pages_are_measured_against_the_default_ones(demo_wsgi_app):
    pages = {page.name: page for page in PAGES}
    app = webtest.TestApp(demo_wsgi_app)
    item = app.get("/search", headers={"Accept": "application/json"}).json["items"][0]["url"]
    dataset = {"samples": {"item": item.split("localhost", 1)[1]}}
    for name, default in (("home (red skin)", "home"), ("item (red skin)", "item")):
        page = pages[name]
        assert page.min_ratio_of == (default, 0.95)
        (prepared,) = page.prepare("http://127.0.0.1:1", dataset)
        assert prepared.path == pages[default].url_path(dataset)
        for _ in range(2):  # rendered, then kept
            res = webtest.TestApp(demo_wsgi_app).get(prepared.path, headers=prepared.headers)
            assert res.html.select_one("html")["data-skin"] == "red"
