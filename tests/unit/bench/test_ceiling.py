"""The bench-only ceiling view exists only where bench/bench.ini includes it."""

import subprocess
import sys
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


def test_the_app_registers_no_view_of_the_bench_package(wsgi_app):
    views = wsgi_app.registry.introspector.get_category("views")
    modules = {getattr(v["introspectable"]["callable"], "__module__", "") for v in views}
    assert "ningxia_portal.accounts.views" in modules  # the check sees the app's views
    assert not [m for m in modules if m.startswith("ningxia_portal.bench")]


APP_MODULES = """
import sys
from ningxia_portal import main
main({}, **{"zodbconn.uri": "memory://", "portal.secret": "x", "portal.password_hasher": "fast"})
print(" ".join(sorted(m for m in sys.modules if m.startswith("ningxia_portal"))))
"""


def test_the_app_does_not_import_the_bench_package():
    """The generator is a console script of the same package: starting the app (a fresh
    interpreter: this one has imported the generator for other tests) leaves it alone."""
    done = subprocess.run(
        [sys.executable, "-c", APP_MODULES], capture_output=True, text=True, check=True
    )
    modules = done.stdout.split()
    assert "ningxia_portal.accounts.views" in modules
    assert [m for m in modules if m.startswith("ningxia_portal.bench")] == []


def test_bench_ini_serves_the_ceiling_without_demo_data(monkeypatch):
    monkeypatch.setenv("BENCH_ZODB_URI", "memory://")
    wsgi = get_app(str(ROOT / "bench" / "bench.ini"))
    assert wsgi.registry.settings["portal.demo"] is False
    app = TestApp(wsgi)
    assert app.get("/@@ceiling").status_int == 200
    assert len(app.get("/centers/").html.select("a[href*='/centers/64']")) == 0
