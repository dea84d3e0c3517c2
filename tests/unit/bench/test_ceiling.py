"""The bench-only ceiling view exists only where bench/bench.ini includes it."""

from pathlib import Path

from pyramid.paster import get_app
from webtest import TestApp

from ningxia_portal import main
from tests.conftest import base_settings

ROOT = Path(__file__).resolve().parents[3]


def test_ceiling_renders_one_persistent_object_when_included():
    app = TestApp(main({}, **base_settings(**{"pyramid.includes": "ningxia_portal.bench.ceiling"})))
    res = app.get("/@@ceiling")
    assert res.html.p.text == "Service centers: 0"


def test_no_ceiling_in_normal_configs(app):
    app.get("/@@ceiling", status=404)


def test_bench_ini_serves_the_ceiling_without_demo_data(monkeypatch):
    monkeypatch.setenv("BENCH_ZODB_URI", "memory://")
    wsgi = get_app(str(ROOT / "bench" / "bench.ini"))
    assert wsgi.registry.settings["portal.demo"] is False
    app = TestApp(wsgi)
    assert app.get("/@@ceiling").status_int == 200
    assert len(app.get("/centers/").html.select("a[href*='/centers/64']")) == 0
