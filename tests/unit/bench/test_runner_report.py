"""The load runner's parsing and tables (bench/): no wrk here, speed is `make bench`'s job."""

import os

import pytest
from bench import report
from bench.pages import CEILING, PAGES, PENDING, Page
from bench.run import dataset_key

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:40000/centers/640100/scjg/xk-scjg-001/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     7.12ms    2.01ms  40.11ms   80.00%
  10650 requests in 10.00s, 120.00MB read
Requests/sec:   1065.00
Transfer/sec:     12.00MB
BENCH requests=10650 duration_us=10000000 bytes=125829120 connect=0 read=1 write=0 timeout=2 \
unexpected=3
BENCH p50_us=7100 p90_us=9000 p99_us=18200 max_us=40110 mean_us=7120.5
"""

DATASET = {
    "totals": {"items": 5000},
    "samples": {
        "item": "/centers/640100/scjg/xk-scjg-001/",
        "center": "/centers/640100/",
        "department": "/centers/640100/scjg/",
        "appointment": "/appointments/20260303-0123456789/",
        "consultation": "/consultations/20261203090000a1b2c3d4/",
        "complaint": "/complaints/20260302-0a1b2c3d/",
    },
}


def result(page, rps, ratio, p50_us=5000, errors=0):
    values = report.parse_wrk(WRK_OUTPUT)
    values.update(requests=int(rps * 10), unexpected=errors, read=0, timeout=0, p50_us=p50_us)
    r = report.Result.from_wrk(page, page.url_path(DATASET), values)
    r.ratio = ratio
    return r


def test_parse_wrk_reads_the_lua_summary():
    values = report.parse_wrk(WRK_OUTPUT)
    assert values["requests"] == 10650 and values["p99_us"] == 18200
    assert values["mean_us"] == pytest.approx(7120.5)


def test_parse_wrk_refuses_output_without_the_summary():
    with pytest.raises(ValueError, match="p50_us"):
        report.parse_wrk("Requests/sec: 1065.00\nBENCH requests=1 duration_us=1")


def test_result_counts_socket_errors_and_unexpected_statuses():
    page = next(p for p in PAGES if p.name == "item")
    r = report.Result.from_wrk(page, "/x", report.parse_wrk(WRK_OUTPUT))
    assert r.rps == pytest.approx(1065.0)
    assert (r.p50_ms, r.p99_ms, r.errors) == (7.1, 18.2, 6)


def test_results_table_shows_ratio_and_pass_or_miss():
    home, item = (next(p for p in PAGES if p.name == n) for n in ("home", "item"))
    ceiling = result(CEILING, 2000, 1.0)
    table = report.results_table([ceiling, result(home, 1200, 0.6), result(item, 1000, 0.5)])
    lines = table.splitlines()
    assert lines[0].startswith("| page | path | req/s | p50 ms | p99 ms | errors | ratio |")
    assert lines[2].startswith("| ceiling | `/@@ceiling` | 2,000 | 5.0 | 18.2 | 0 | 100% |")
    assert "| home | `/` | 1,200 |" in lines[3] and "pass (≥ 50% of the ceiling)" in lines[3]
    assert "**miss** (50%, target ≥ 70% of the ceiling)" in lines[4]


def test_errors_and_latency_targets_are_checked():
    page = Page("queue", "/filings/", p50_ms=20)
    cell = report.results_table([result(page, 100, 0.1, p50_us=25000, errors=2)])
    assert "**miss** (25.0 ms, target p50 ≤ 20 ms)" in cell
    assert "**miss** (2, target 0 errors)" in cell


def test_targets_table_covers_server_and_pending_targets():
    item = next(p for p in PAGES if p.name == "item")
    server = {"peak_rss_mb": 80.0, "startup_s": 3.5}
    table = report.targets_table([result(item, 1500, 0.75)], server, DATASET)
    assert "| item ≥ 70% of the ceiling | 75% | pass |" in table
    assert "| start-up ≤ 3 s | 3.50 s | **miss** (3.50 s, target ≤ 3 s) |" in table
    assert "pass at this dataset (0 filings; the target is for 1,000,000)" in table
    assert "password verification" not in table  # not measured: no row
    server["password_verify_ms"] = 120.4
    table = report.targets_table([result(item, 1500, 0.75)], server, DATASET)
    assert (
        "| one password verification < 100 ms | 120 ms | **miss** (120 ms, target < 100 ms) |"
        in table
    )
    assert "one argon2id verification **120 ms**" in report.server_line(server)
    for page, _, lands_with in PENDING:
        assert f"not measurable yet: lands with {lands_with}" in table and page in table


def test_results_file_keeps_the_findings_written_by_hand():
    old = "# Benchmark results\n\n| old table |\n\n## Findings\n\nThe layout is slow.\n"
    findings = report.kept_findings(old)
    text = report.render_results(
        "2026-03-02",
        [result(CEILING, 2000, 1.0)],
        {"peak_rss_mb": 60.0, "startup_s": 0.4},
        DATASET,
        {"python": "3.11.7", "machine": "2 cores"},
        findings,
    )
    assert text.startswith("# Benchmark results 2026-03-02")
    assert "- python: 3.11.7" in text and text.endswith("## Findings\n\nThe layout is slow.\n")
    assert report.kept_findings("# no findings") is None


def test_readme_block_is_replaced_between_markers():
    text = f"intro\n{report.README_START}\nold\n{report.README_END}\nrest\n"
    new = report.replace_block(text, "NEW TABLE")
    assert new == f"intro\n{report.README_START}\nNEW TABLE\n{report.README_END}\nrest\n"
    with pytest.raises(ValueError):
        report.replace_block("no markers", "x")


def test_pages_are_data_with_unique_names_and_paths_from_the_dataset():
    names = [p.name for p in PAGES]
    assert len(names) == len(set(names)) and CEILING.name not in names
    paths = {p.name: p.url_path(DATASET) for p in PAGES}
    assert paths["item"] == "/centers/640100/scjg/xk-scjg-001/" and paths["home"] == "/"
    targets = {p.name: p.ratio for p in PAGES if p.ratio}
    assert targets == {
        "home": 0.50,
        "item": 0.70,
        "search": 0.50,
        "search-4char": 0.50,
        # each page of appointments: at least 30% of the ceiling
        "my appointments": 0.30,
        "appointment queue": 0.30,
        "appointment form": 0.30,
        "appointment": 0.30,
        # each page of consultations: at least 30% of the ceiling
        "my consultations": 0.30,
        "consultation queue": 0.30,
        "ask form": 0.30,
        "consultation": 0.30,
        # each page of complaints: at least 30% of the ceiling
        "my complaints": 0.30,
        "complaint queue": 0.30,
        "new complaint": 0.30,
        "complaint": 0.30,
        # logged in, as an enterprise and as a reviewer: the public pages
        **{
            f"{who} {page}": ratio
            for who in ("enterprise", "reviewer")
            for page, ratio in (
                ("home", 0.40),
                ("item", 0.60),
                ("search", 0.40),
                ("center", 0.60),
                ("announcements", 0.60),
            )
        },
    }
    p50 = {p.name: p.p50_ms for p in PAGES if p.p50_ms}
    assert p50["case"] == 15 and p50["apply form"] == 15 and p50["my filings"] == 20
    assert paths["appointment"] == "/appointments/20260303-0123456789/"
    assert paths["consultation"].startswith("/consultations/")
    assert paths["complaint"] == "/complaints/20260302-0a1b2c3d/"
    assert paths["search"] == "/search?q=%E8%AE%B8%E5%8F%AF"  # 许可


def test_dataset_key_depends_on_the_counts():
    assert dataset_key({"items": 5000}) == dataset_key({"items": 5000})
    assert dataset_key({"items": 5000}).startswith("items5000-")
    assert dataset_key({"items": 5000}) != dataset_key({"items": 6000})


def test_the_ceilings_two_runs_merge_into_one_row():
    a, b = result(CEILING, 2000, None), result(CEILING, 1000, None)
    b.p99_ms = 99.0
    merged = report.merge([a, b])
    assert merged.rps == pytest.approx(1500) and merged.p99_ms == 99.0 and merged.ratio == 1.0


def test_each_page_is_judged_by_the_ceilings_beside_it_with_ceiling_each():
    from bench.run import apply_ratios

    home, item = PAGES[0], PAGES[1]
    ceilings = [result(CEILING, 2000, None), result(CEILING, 1000, None)]
    ceilings.append(result(CEILING, 600, None))
    pages = [result(home, 600, None), result(item, 240, None)]
    row = apply_ratios(pages, ceilings, each=True)
    # home ran between 2,000 and 1,000 req/s of ceiling, item between 1,000 and 600
    assert pages[0].ratio == pytest.approx(600 / 1500)
    assert pages[1].ratio == pytest.approx(240 / 800)
    assert row.rps == pytest.approx(1200) and row.ratio == 1.0
    # without it, every page is judged by the mean of the first and last runs
    pages = [result(home, 600, None)]
    row = apply_ratios(pages, [ceilings[0], ceilings[2]], each=False)
    assert pages[0].ratio == pytest.approx(600 / 1300)


def test_the_password_verification_is_measured_with_the_production_profile(monkeypatch):
    from bench import run

    profiles = []
    real = run.make_passwords
    monkeypatch.setattr(run, "make_passwords", lambda name: profiles.append(name) or real("fast"))
    assert run.password_verify_ms(runs=2) > 0
    assert profiles == ["argon2"]


def test_a_page_is_judged_against_another_pages_rate():
    base = Page("review filing", "/filings/", "POST", expect=303)
    mail = Page("review filing (mail)", "/filings/", "POST", min_ratio_of=("review filing", 0.9))
    results = [result(base, 200, None), result(mail, 186, None)]
    report.apply_ratio_of(results)
    assert results[0].ratio_of is None and results[1].ratio_of == pytest.approx(0.93)
    row = report.results_table(results).splitlines()[3]
    assert "| 93% of review filing | pass (≥ 90% of review filing) |" in row
    targets = report.targets_table(results, {"peak_rss_mb": 80.0, "startup_s": 1.0}, DATASET)
    assert "| review filing (mail) ≥ 90% of review filing | 93% | pass |" in targets

    slow = [result(base, 200, None), result(mail, 170, None)]
    report.apply_ratio_of(slow)
    assert "**miss** (85%, target ≥ 90% of review filing)" in report.results_table(slow)
    # the page it is judged against was not measured: not judged is not passed
    alone = [result(mail, 170, None)]
    report.apply_ratio_of(alone)
    cell = report.results_table(alone)
    assert "**miss** (review filing not measured, target ≥ 90% of review filing)" in cell


def test_after_a_writing_page_the_runner_waits_for_the_server_to_go_idle():
    from bench.server import cpu_seconds, wait_idle

    # CPU seconds the server has used at each look: busy (the indexer), then calm twice.
    used = iter([0.0, 0.4, 0.8, 0.81, 0.815, 9.0])
    slept = []
    waited = wait_idle(1, cpu=lambda pid: next(used), sleep=slept.append)
    assert waited == 2.0 and len(slept) == 4  # two busy intervals, then two quiet ones
    # A server that never calms down is waited for at most ``limit`` seconds.
    waited = wait_idle(1, limit=3.0, cpu=lambda pid: len(slept), sleep=slept.append)
    assert waited == 3.0
    assert cpu_seconds(os.getpid()) > 0  # this very process, read from /proc
