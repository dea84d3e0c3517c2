"""ningxia-portal-gen: a small dataset into a temporary FileStorage, read back as the app does."""

import gc
import json
import logging
import weakref
from collections import Counter
from pathlib import Path

import pytest
import transaction
import webtest
from pyramid.traversal import find_resource
from ZODB import DB
from ZODB.FileStorage import FileStorage
from ZODB.MappingStorage import MappingStorage

from ningxia_portal import main
from ningxia_portal.bench import items, script
from ningxia_portal.bench.writer import BatchWriter
from ningxia_portal.catalogue.demo import load_data
from ningxia_portal.catalogue.resources import Center, Department, ServiceItem
from ningxia_portal.core.root import APP_ROOT_KEY, get_database
from ningxia_portal.settings import load_settings
from tests.unit.bench import recording_catalog

ROOT = Path(__file__).resolve().parents[3]
DEMO_ITEMS = len(items.item_slots(load_data()))  # the demo catalogue at all 28 centers


def file_settings(path):
    return load_settings({"zodbconn.uri": f"file://{path}/Data.fs", "portal.secret": "t"})


def read_root(path):
    """(db, root) of a generated FileStorage, read-only."""
    db = DB(FileStorage(str(path / "Data.fs"), read_only=True))
    return db, db.open().root()[APP_ROOT_KEY]


def all_items(root):
    return [i for c in root["centers"].values() for d in c.values() for i in d.values()]


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """Past the demo catalogue, so that variants are generated too."""
    path = tmp_path_factory.mktemp("gen")
    report = script.generate(file_settings(path), {"items": DEMO_ITEMS + 400}, batch=1500)
    return path, report


def test_writes_all_centers_departments_and_exactly_n_items(big):
    path, report = big
    assert report["totals"]["items"] == report["written"]["items"] == DEMO_ITEMS + 400
    assert report["db_bytes"] == (path / "Data.fs").stat().st_size > 0
    db, root = read_root(path)
    try:
        centers = root["centers"]
        assert len(centers) == 28 and isinstance(centers["640522"], Center)
        depts = [d for c in centers.values() for d in c.values()]
        assert all(isinstance(d, Department) for d in depts) and len(depts) == 28 * 14
        assert len(all_items(root)) == DEMO_ITEMS + 400
    finally:
        db.close()


def test_names_titles_and_codes_are_unique_and_realistic(big):
    path, _ = big
    db, root = read_root(path)
    try:
        everything = all_items(root)
        codes = Counter(i.code for i in everything)
        assert codes.most_common(1)[0][1] == 1
        for center in root["centers"].values():
            for dept in center.values():
                titles = [i.title for i in dept.values()]
                assert len(titles) == len(set(titles)), dept.title
        dept = root["centers"]["640000"]["scjg"]
        # The demo item itself, then variants of the same template with a handling suffix.
        assert dept["xk-scjg-004"].code == "XK-SCJG-004-640000"
        variants = [i for n, i in dept.items() if n.startswith("xk-scjg-004-")]
        assert variants and all(v.title.endswith("）") for v in variants)
        assert variants[0].code.startswith("XK-SCJG-004-0") and variants[0].materials
    finally:
        db.close()


def test_items_are_reachable_by_traversal_and_served(big):
    path, report = big
    db, root = read_root(path)
    try:
        item = find_resource(root, report["samples"]["item"])
        assert isinstance(item, ServiceItem) and item.title == "食品经营许可（新办）"
    finally:
        db.close()
    app = main({}, **{"zodbconn.uri": f"file://{path}/Data.fs", "portal.secret": "t"})
    try:
        res = webtest.TestApp(app).get(report["samples"]["item"])
        assert res.html.h1.text == "食品经营许可（新办）"
        res = webtest.TestApp(app).get(report["samples"]["department"])
        assert "食品经营许可（新办）" in res.text
    finally:
        get_database(app.registry).close()


def test_commits_in_batches(big):
    _, report = big
    assert report["objects"] > report["totals"]["items"] * 3
    assert report["commits"] >= report["objects"] // report["batch"]


def test_reports_time_per_domain_objects_and_packs_on_request(tmp_path):
    settings = file_settings(tmp_path)
    report = script.generate(settings, {"items": 40}, batch=50)
    assert report["pack_seconds"] is None and report["db_bytes"] == report["written_bytes"]
    assert set(report["seconds_by_domain"]) == {"items"}
    assert "items " in script.format_report(report) and "packed" not in script.format_report(report)
    report = script.generate(settings, {"items": 80}, batch=50, pack=True)
    assert report["written"] == {"items": 40} and report["pack_seconds"] is not None
    # Old versions of the folders and indexes that the batches rewrote are gone.
    assert report["db_bytes"] < report["written_bytes"]
    assert report["db_bytes"] == (tmp_path / "Data.fs").stat().st_size
    db, root = read_root(tmp_path)
    try:
        assert len(all_items(root)) == 80 and len(db.storage) == report["db_objects"]
    finally:
        db.close()
    assert "packed from" in script.format_report(report)


def test_a_rerun_tops_up_and_never_duplicates(tmp_path):
    settings = file_settings(tmp_path)
    assert script.generate(settings, {"items": 40})["written"] == {"items": 40}
    assert script.generate(settings, {"items": 40})["written"] == {"items": 0}
    report = script.generate(settings, {"items": 90})
    assert report["written"] == {"items": 50} and report["totals"]["items"] == 90


def test_fires_object_added_into_the_indexing_includes(tmp_path):
    recording_catalog.ADDED.clear()
    script.generate(file_settings(tmp_path), {"items": 30}, includes=[recording_catalog.__name__])
    added = recording_catalog.ADDED
    assert sum(isinstance(o, ServiceItem) for o in added) == 30
    assert sum(isinstance(o, Center) for o in added) == 28


def test_batch_writer_commits_and_trims_the_cache_to_its_size():
    db = DB(MappingStorage(), cache_size=8)
    conn = db.open()
    try:
        writer = BatchWriter(conn, batch=10)
        folder = conn.root()
        hot = folder["hot"] = Center("hot", "x", "county")
        for n in range(25):
            folder[f"c{n}"] = Center(str(n), "x", "county")
            hot.title = f"x{n}"  # written by every batch, as the ends of the indexes are
            writer.added()
        assert writer.commits == 2 and writer.pending == 5
        writer.commit()
        assert writer.commits == 3 and writer.objects == 25
        # The least recently used go back to ghosts, down to the cache's size; what every
        # batch writes again stays loaded.
        assert conn._cache.cache_non_ghost_count <= 8
        assert hot._p_changed is False and folder["c0"]._p_changed is None
    finally:
        transaction.abort()
        conn.close()
        db.close()


def test_batch_writer_collects_garbage_per_commit_instead_of_automatically():
    db = DB(MappingStorage())
    conn = db.open()
    try:
        assert gc.isenabled()
        with BatchWriter(conn, batch=2) as writer:
            assert not gc.isenabled()
            for n in range(3):
                conn.root()[f"c{n}"] = Center(str(n), "x", "county")
                writer.added()
            ref = weakref.ref(_Cycle())  # garbage in a cycle: only gc frees it
            assert ref() is not None
            writer.added()  # the second batch is full: commit, then collect
            assert writer.commits == 2 and ref() is None
        assert gc.isenabled()
    finally:
        transaction.abort()
        conn.close()
        db.close()


class _Cycle:
    def __init__(self):
        self.me = self


def test_variant_titles():
    cands = items.title_candidates("食品经营许可（新办）")
    first = [next(cands) for _ in range(10)]
    assert [t.removeprefix("食品经营许可") for t in first[:4]] == [
        "（新办）",
        "（变更）",
        "（延续）",
        "（注销）",
    ]
    assert "食品经营许可（分支机构新办）" in first
    assert items.variant_name({"code": "XK-A-001"}, 0) == "xk-a-001"
    assert items.variant_name({"code": "XK-A-001"}, 3) == "xk-a-001-3"


def test_negative_counts_are_refused():
    with pytest.raises(SystemExit):
        script.parse_args(["bench.ini", "--filings", "-1"])
    args = script.parse_args(["bench.ini", "--filings", "0", "--items", "7"])
    assert args.items == 7 and args.filings == 0


def test_console_script_with_bench_ini(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BENCH_ZODB_URI", f"file://{tmp_path}/Data.fs")
    out = tmp_path / "gen.json"
    try:
        ini = str(ROOT / "bench" / "bench.ini")
        args = [ini, "--items", "20", "--enterprises", "3", "--reviewers", "2", "--filings", "0"]
        more = ["--announcements", "0", "--consultations", "0", "--complaints", "0"]
        args += ["--appointments", "0"]
        assert script.main([*args, *more, "--json", str(out)]) == 0
    finally:
        logging.getLogger().handlers.clear()
    assert "now 20 items" in capsys.readouterr().out
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["totals"] == {
        "items": 20,
        "enterprises": 3,
        "reviewers": 2,
        "announcements": 0,
        "filings": 0,
        "appointments": 0,
        "consultations": 0,
        "complaints": 0,
    }
    assert report["storage"].endswith("Data.fs")
