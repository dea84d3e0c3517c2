"""`make bench --storage file,zeo,relstorage --processes 1,2`: the setups run, how the
requests are shared between app processes, how their runs combine, the side-by-side table
and the scale-out targets, and the ZEO backend on a real (tiny) FileStorage."""

import transaction
import ZODB.config
from bench import report
from bench.measure import shares
from bench.pages import CEILING, Page
from bench.run import parse_args, storage_setups
from bench.storages import ZeoBackend, open_db
from ZODB import DB
from ZODB.FileStorage import FileStorage

HOME = Page("home", "/")
SUBMIT = Page("submit filing", "/apply", "POST", expect=303)


def run_of(page, requests, p50_ms=5.0, seconds=10.0, errors=0, p99_ms=20.0):
    return report.Result(
        page, page.url_path({}), requests, seconds, p50_ms, 9.0, p99_ms, 30.0, errors
    )


def test_a_filestorage_serves_one_process_the_others_each_count():
    opts = parse_args(["--storage", "file,zeo,relstorage", "--processes", "1,2"])
    assert storage_setups(opts) == [
        ("file", 1),
        ("zeo", 1),
        ("zeo", 2),
        ("relstorage", 1),
        ("relstorage", 2),
    ]
    assert storage_setups(parse_args([])) == [("file", 1)]


def test_each_process_sends_its_own_share_of_requests_sent_once():
    prepared = list(range(7))
    assert shares(prepared, 2, once=True) == [[0, 2, 4, 6], [1, 3, 5]]
    assert shares(prepared, 1, once=True) == [prepared]
    # A GET of one session is sent by both; a request sent once never twice.
    assert shares([0], 2, once=False) == [[0], [0]]
    assert shares([0], 2, once=True) == [[0], []]
    assert shares(None, 2, once=False) == [None, None]


def test_runs_at_the_same_time_add_up_their_requests():
    both = report.combine(
        [
            run_of(HOME, 6000, p50_ms=4.0, seconds=10.0, p99_ms=30.0),
            run_of(HOME, 2000, p50_ms=8.0, seconds=10.2, errors=1),
        ]
    )
    assert both.requests == 8000 and both.errors == 1
    assert round(both.rps) == round(8000 / 10.2)
    assert both.p50_ms == 5.0  # weighted by requests
    assert both.p99_ms == 30.0  # the worst
    single = run_of(HOME, 100)
    assert report.combine([single]) is single


def storage_run(storage, processes, home_rps, submit_rps, ceiling_rps=2000, errors=0):
    ceiling = run_of(CEILING, ceiling_rps * 10)
    ceiling.ratio = 1.0
    results = [ceiling, run_of(HOME, home_rps * 10), run_of(SUBMIT, submit_rps * 10, errors=errors)]
    return report.StorageRun(storage, processes, "…", results, {"peak_rss_mb": 1, "startup_s": 1})


def test_the_pages_side_by_side_and_the_scale_out_targets():
    runs = [
        storage_run("file", 1, 1000, 80),
        storage_run("zeo", 1, 800, 70),
        storage_run("zeo", 2, 1300, 160),
    ]
    table = report.storages_table(runs)
    assert table.splitlines()[0] == (
        "| page | file ×1 req/s | p50 ms | zeo ×1 req/s | p50 ms | zeo ×2 req/s | p50 ms |"
    )
    assert "| home | 1,000 | 5.0 | 800 | 5.0 | 1,300 | 5.0 |" in table
    targets = report.scaleout_table(runs)
    assert "| zeo: reads, 2 processes over 1 (geometric mean) | 1.62× (home 1.62×) | pass |" in (
        targets
    )
    assert (
        "| zeo: submissions through 2 processes ≥ 150/s, 0 errors | 160/s, 0 errors | pass |"
        in (targets)
    )


def test_a_slower_machine_scales_the_submission_target_and_errors_fail_it():
    runs = [
        storage_run("zeo", 1, 800, 70, ceiling_rps=1000),
        storage_run("zeo", 2, 1000, 80, ceiling_rps=1500, errors=2),
    ]
    targets = report.scaleout_table(runs)
    # 150/s at a 2,000 req/s ceiling; this run's one-process ceiling is 1,000.
    assert "≥ 75/s (150/s scaled by the ceiling 1,000/2,000)" in targets
    assert "80/s, 2 errors | **miss**" in targets
    assert "1.25× (home 1.25×) | **miss** (1.25×, target ≥ 1.5×)" in targets
    text = report.render_storages("2026-12-04", runs, {"machine": "2 cores"})
    assert text.startswith("# Benchmark results 2026-12-04: storages")
    assert "## zeo ×2: …" in text and "- machine: 2 cores" in text


def test_the_zeo_backend_serves_the_dataset_and_cuts_it_back(tmp_path):
    storage = FileStorage(str(tmp_path / "Data.fs"), blob_dir=str(tmp_path / "blobs"))
    db = DB(storage)
    with db.transaction() as conn:
        conn.root()["generated"] = 1
    db.close()
    generated = (tmp_path / "Data.fs").stat().st_size
    restored = []
    with ZeoBackend(tmp_path, lambda: restored.append(True)) as backend:
        (first, second) = backend.uris(2)
        assert first.startswith("zconfig://") and first != second
        with open(first[len("zconfig://") :], encoding="utf-8") as conf:
            client = ZODB.config.databaseFromFile(conf)
        try:
            with client.transaction() as conn:
                assert conn.root()["generated"] == 1
                conn.root()["written"] = 2
        finally:
            client.close()
        written = open_db(backend)  # stops the server: its FileStorage, read-only
        try:
            conn = written.open()
            assert conn.root()["written"] == 2
            conn.close()
            transaction.abort()
        finally:
            written.close()
    # What the client wrote went into the dataset's Data.fs; cutting it back is the
    # runner's restore (bench/run.py restore_dataset), called before the server starts (what
    # an interrupted run left) and once it stopped.
    assert (tmp_path / "Data.fs").stat().st_size > generated
    assert restored == [True, True]
