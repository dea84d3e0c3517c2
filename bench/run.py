"""`make bench`: generate (or reuse) a dataset, serve it with waitress, drive it with wrk.

Run from the repository root: ``.venv/bin/python -m bench.run [--duration 10] [--items 5000]``
(``--help`` lists the dataset's options, one per generated domain).
Every page of ``bench/pages.py`` and the ceiling (``@@ceiling``, measured first and last, the
ratio uses their mean) run one after another against the same server process, at 8
connections, each for a fixed duration after a short warm-up. With ``--ceiling-each`` the
ceiling is also measured between pages and each page's ratio uses the two measured right
before and after it: a shared machine's speed drifts over a long run (its neighbours come and
go), and a page run late is then judged against the speed of its own minutes. Results go to
``bench/results/<date>.md`` and the README's bench block.

A page with ``server`` settings (the review pages: mail off, mail on) runs afterwards on a
server of its own: bench.ini with those settings over it (a copy in bench/work/), started
once the main server stopped and the dataset was restored, so each such page finds the
dataset as generated; a page with ``sink`` gets an SMTP sink in this process
(bench/mailsink.py) as its mail server. The main server's start-up and memory are the
table's; those of the pages' own servers are printed and listed in the environment.
"""

import argparse
import contextlib
import datetime
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from ZODB.FileStorage import FileStorage

from bench import report
from bench.mailsink import MailSink
from bench.measure import measure
from bench.pages import CEILING, PAGES
from bench.paths import BENCH, BIN, ROOT, WORK
from bench.server import Server, wait_idle
from bench.storages import BACKENDS, STORAGES, file_uri
from ningxia_portal.bench.domains import DOMAINS
from ningxia_portal.bench.script import DEFAULT_BATCH
from ningxia_portal.security.passwords import make_passwords

SRC = ROOT / "src" / "ningxia_portal"

# What a generated dataset depends on: a change here makes a new dataset, anything else
# (views, templates) reuses the one already generated.
DATASET_SOURCES = (
    "bench/*.py",
    "*/resources.py",
    "*/demo.py",
    "*/data/*.json",
    "core/*.py",
    "core/evolve/*.py",
    "*/evolve/*.py",  # every package's evolve steps
    "*/__init__.py",  # the indexes each package registers
    "indexing/*.py",  # what the catalog stores
    "*/indexes.py",  # the indexes a package defines (consultations' search fields)
    "workdays/*.py",  # promised dates
)


def dataset_key(counts):
    """A directory name for the dataset of these counts and this code."""
    digest = hashlib.sha256()
    for pattern in DATASET_SOURCES:
        for path in sorted(SRC.glob(pattern)):
            digest.update(path.relative_to(SRC).as_posix().encode())
            digest.update(path.read_bytes())
    params = "-".join(f"{k}{v}" for k, v in sorted(counts.items()) if v)
    return f"{params}-{digest.hexdigest()[:10]}"


GENERATED_INDEX = "gen.index"  # Data.fs.index as the generator left it


zodb_uri = file_uri  # the dataset's FileStorage, as one app process opens it


def ensure_dataset(counts, batch):
    """The dataset directory and the generator's report, generating it if needed."""
    directory = WORK / dataset_key(counts)
    report_path = directory / "gen.json"
    if report_path.exists():
        dataset = json.loads(report_path.read_text(encoding="utf-8"))
        dataset["reused"] = True
        print(f"reusing dataset {directory.name}")
        return directory, dataset
    shutil.rmtree(directory, ignore_errors=True)
    (directory / "blobs").mkdir(parents=True)
    # Packed, as production packs its database: one copy of each object, not every version.
    args = [str(BIN / "ningxia-portal-gen"), str(BENCH / "bench.ini"), f"--batch={batch}"]
    args += ["--pack"]
    args += [f"--{k}={v}" for k, v in counts.items()]
    args += ["--json", str(directory / "gen.tmp")]
    print("generating:", " ".join(args[2:]))
    env = dict(os.environ, BENCH_ZODB_URI=zodb_uri(directory))
    subprocess.run(args, env=env, check=True, timeout=4 * 3600)
    dataset = json.loads((directory / "gen.tmp").read_text(encoding="utf-8"))
    dataset["generated_bytes"] = (directory / "Data.fs").stat().st_size
    # The generator closed the storage, which saved its index: keep it for restore_dataset.
    shutil.copyfile(directory / "Data.fs.index", directory / GENERATED_INDEX)
    report_path.write_text(json.dumps(dataset, indent=1, ensure_ascii=False), encoding="utf-8")
    (directory / "gen.tmp").unlink()
    dataset["reused"] = False
    return directory, dataset


def restore_dataset(directory, dataset):
    """Cut Data.fs back to its generated size: FileStorage only appends whole transactions,
    so what the pages wrote (POST pages, later) goes and the next run starts the same.

    The index of the generated state goes back with it: without an index FileStorage reads
    the whole file at start-up to rebuild one (minutes for a million filings)."""
    data_fs = directory / "Data.fs"
    size = dataset.get("generated_bytes")
    if size and data_fs.stat().st_size > size:
        with open(data_fs, "r+b") as f:
            f.truncate(size)
        for suffix in (".index", ".tmp"):
            Path(f"{data_fs}{suffix}").unlink(missing_ok=True)
        if (directory / GENERATED_INDEX).exists():
            shutil.copyfile(directory / GENERATED_INDEX, f"{data_fs}.index")
        else:
            # Rebuild and save the index now: else the next start-up reads all of Data.fs.
            FileStorage(str(data_fs)).close()


def server_settings(page, sink=None):
    """The settings a page's own server gets over bench.ini's: the page's, and the sink's
    address when its mail goes there."""
    settings = dict(page.server or {})
    if sink is not None:
        settings.update({"mail.host": sink.host, "mail.port": str(sink.port)})
    return settings


def ini_with(text, settings):
    """bench.ini's text with ``settings`` in its [app:main]: a line of the same key is
    replaced, the others are added at the end of the section."""
    left = {k: str(v).replace("%", "%%") for k, v in settings.items()}
    out, section = [], None

    def add_left():
        out.extend(f"{k} = {v}" for k, v in left.items())
        left.clear()

    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            if section == "app:main":
                add_left()
            section = stripped.strip("[]")
        elif section == "app:main" and "=" in line and not line[:1].isspace():
            key = line.split("=", 1)[0].strip()
            if key in left:
                line = f"{key} = {left.pop(key)}"
        out.append(line)
    if section == "app:main":
        add_left()
    return "\n".join(out) + "\n"


def apply_ratios(results, ceilings, each):
    """Set each page's ratio to the ceiling; return the ceiling row (all its runs merged).

    ``each``: ``ceilings[i]`` was measured right before ``results[i]`` and ``ceilings[i + 1]``
    right after it, and the page is judged by their mean; else by the mean of them all."""
    ceiling = report.merge(ceilings)
    for index, result in enumerate(results):
        if each:
            beside = (ceilings[index].rps + ceilings[index + 1].rps) / 2
            result.ratio = result.rps / beside
        else:
            result.ratio = result.rps / ceiling.rps
    return ceiling


def verify(results, where, dataset):
    """Run the pages' checks of what their run wrote (overbooked slots); count problems as
    errors of the page. ``where``: the dataset directory or the backend that served it."""
    for result in results:
        check = result.page.verify
        if check is not None:
            problems, line = check(where, dataset, result.run)
            result.errors += problems
            print(f"  {result.page.name}: {line}")


def measure_alone(page, directory, dataset, opts, profile_dir=None):
    """A page with ``server`` settings, on a server of its own (and its mail sink); the
    dataset is restored afterwards. Returns (result, the server's start-up and memory)."""
    slug = re.sub(r"\W+", "-", page.name).strip("-")
    sink = MailSink().start() if page.sink else None
    try:
        ini = WORK / f"bench-{slug}.ini"
        text = (BENCH / "bench.ini").read_text(encoding="utf-8")
        ini.write_text(ini_with(text, server_settings(page, sink)), encoding="utf-8")
        own = Server(str(BIN / "pserve"), str(ini), zodb_uri(directory), WORK / f"{slug}.log")
        try:
            with own:
                print(f"{page.name}: its own server up in {own.startup_s:.2f} s")
                result = measure([own], page, dataset, opts, profile_dir, sink)
            verify([result], directory, dataset)
        finally:
            restore_dataset(directory, dataset)
    finally:
        if sink is not None:
            sink.stop()
    return result, {"startup_s": own.startup_s, "peak_rss_mb": own.peak_rss_mb}


def password_verify_ms(runs=5):
    """One verification with production's argon2 profile, in ms: the fastest of ``runs``
    (the slower ones measure a busy machine), on the caller's thread, no pool."""
    passwords = make_passwords("argon2")
    hashed = passwords.hash("bench-password-2026")
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        if not passwords.verify(hashed, "bench-password-2026"):
            raise RuntimeError("the argon2 profile did not verify its own hash")
        timings.append(time.perf_counter() - start)
    return min(timings) * 1000


def wrk_version():
    out = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()
    return out[1] if len(out) > 1 else "?"


def environment(opts, dataset, ceilings):
    def cmd(*args):
        try:
            return subprocess.run(args, capture_output=True, text=True, cwd=ROOT).stdout.strip()
        except OSError:
            return "?"

    cpu = "?"
    if os.path.exists("/proc/cpuinfo"):
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next(
                (ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")), "?"
            )
    commit = cmd("git", "rev-parse", "--short", "HEAD")
    if cmd("git", "status", "--porcelain", "--untracked-files=no", "--", "src", "bench"):
        commit += " (with uncommitted changes)"
    d = dataset
    return {
        "machine": f"{os.cpu_count()} cores, {cpu}, {platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "commit": commit,
        "load": (
            f"wrk {wrk_version()} on the same "
            f"machine, {opts.threads} threads, {opts.connections} connections, "
            f"{opts.duration} s per page after {opts.warmup} s warm-up; waitress 8 threads"
        ),
        "ceiling": " → ".join(f"{r.rps:,.0f}" for r in ceilings)
        + (
            " req/s (before the first page, then after each page; each page's ratio uses "
            "the two beside it, the table's ceiling row all of them)"
            if opts.ceiling_each
            else " req/s (first → last run; the table and the ratios use both)"
        ),
        "load average before the run": opts.loadavg,
        "dataset": (
            ", ".join(f"{v:,} {k}" for k, v in d["totals"].items())
            + f", 28 centers; Data.fs {d['db_bytes'] / 1e6:.1f} MB; "
            f"generated {d['objects']:,} objects in {d['seconds']:.1f} s "
            f"({d['objects_per_second']:,.0f} objects/s)" + (", reused" if d["reused"] else "")
        ),
    }


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__.splitlines()[0])
    for domain in DOMAINS:  # the dataset: --items 5000 --enterprises 2000 … (--filings N)
        if domain.available:
            parser.add_argument(
                f"--{domain.name}", type=int, default=domain.default, help=domain.help
            )
    parser.add_argument("--batch", type=int, default=DEFAULT_BATCH, help="objects per commit")
    parser.add_argument("--duration", type=int, default=10, help="seconds per page")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--pages", help="comma-separated page names (default: all)")
    parser.add_argument(
        "--ceiling-each",
        action="store_true",
        help="measure the ceiling after every page too; judge each page by the two beside it",
    )
    parser.add_argument(
        "--storage",
        default="file",
        help="comma-separated storages to serve the dataset from, one after another: "
        f"{', '.join(STORAGES)} (default file; more than one: a side-by-side results file)",
    )
    parser.add_argument(
        "--processes",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[1],
        help="app processes on a ZEO or RelStorage storage, e.g. 1,2 (each count is a run)",
    )
    parser.add_argument("--profile", action="store_true", help="py-spy each page (bench/work)")
    parser.add_argument(
        "--no-write", action="store_true", help="print only: no results file, no README"
    )
    return parser.parse_args(argv)


def main(argv=None):
    opts = parse_args(argv)
    opts.loadavg = " ".join(f"{x:.2f}" for x in os.getloadavg())
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: run bench/setup (apt-get install wrk)")
    pages = PAGES
    if opts.pages:
        wanted = opts.pages.split(",")
        pages = [p for p in PAGES if p.name in wanted]
    alone = [p for p in pages if p.server is not None]
    pages = [p for p in pages if p.server is None]
    WORK.mkdir(exist_ok=True)
    counts = {d.name: getattr(opts, d.name) for d in DOMAINS if d.available}
    directory, dataset = ensure_dataset(counts, opts.batch)
    profile_dir = None
    if opts.profile:
        profile_dir = WORK / "profiles"
        profile_dir.mkdir(exist_ok=True)
    setups = storage_setups(opts)
    if setups != [("file", 1)]:
        return compare_storages(setups, directory, dataset, pages, opts, profile_dir)
    with backend_of("file", directory, dataset) as backend:
        results, ceilings, srv = serve_pages(backend, 1, pages, dataset, opts, profile_dir)
    ceiling = apply_ratios(results, ceilings, opts.ceiling_each)
    own_servers = {}
    for page in alone:
        result, own = measure_alone(page, directory, dataset, opts, profile_dir)
        print(f"  {page.name}: its server's peak RSS {own['peak_rss_mb']:.0f} MB")
        own_servers[page.name] = own
        results.append(result)
    report.apply_ratio_of(results)
    results = [ceiling] + results
    srv["password_verify_ms"] = password_verify_ms()
    env = environment(opts, dataset, ceilings)
    if own_servers:
        env["pages on servers of their own"] = "; ".join(
            f"{name}: start-up {s['startup_s']:.2f} s, peak RSS {s['peak_rss_mb']:.0f} MB"
            for name, s in own_servers.items()
        )
    print()
    print(report.results_table(results))
    print(report.server_line(srv))
    if opts.no_write:
        return 0
    write_results(results, srv, dataset, env)
    return 0


# Over bench.ini for a storage several processes share (ZEO, RelStorage).
SHARED_SETTINGS = {"portal.case_number_block": 20}


def storage_setups(opts):
    """[(storage, app processes)] in the order measured: a FileStorage has one process, a
    ZEO server or PostgreSQL each count of ``--processes``."""
    setups = []
    for storage in opts.storage.split(","):
        if storage not in STORAGES:
            raise SystemExit(f"--storage: {storage!r} is not one of {', '.join(STORAGES)}")
        counts = [1] if BACKENDS[storage].max_processes == 1 else opts.processes
        setups += [(storage, count) for count in counts]
    return setups


def backend_of(storage, directory, dataset):
    return BACKENDS[storage](directory, lambda: restore_dataset(directory, dataset))


def serve_pages(backend, count, pages, dataset, opts, profile_dir=None):
    """Start ``count`` app processes on the backend, measure the ceiling and ``pages`` on
    them, stop them and run the pages' checks. (results, ceilings, server figures)."""
    ini = BENCH / "bench.ini"
    if backend.name != "file":  # several processes may share it: as deploy/portal-node.ini
        ini = WORK / "bench-shared.ini"
        text = (BENCH / "bench.ini").read_text(encoding="utf-8")
        ini.write_text(ini_with(text, SHARED_SETTINGS), encoding="utf-8")
    servers = [
        Server(str(BIN / "pserve"), str(ini), uri, WORK / f"server-{i}.log")
        for i, uri in enumerate(backend.uris(count))
    ]
    with contextlib.ExitStack() as stack:
        for server in servers:
            stack.enter_context(server)
            print(f"server up in {server.startup_s:.2f} s at {server.base_url}")
        ceilings = [measure(servers, CEILING, dataset, opts, profile_dir)]
        results = []
        for page in pages:
            results.append(measure(servers, page, dataset, opts, profile_dir))
            if page.method != "GET":
                # What the page queued (cataloguing, mail) is done before the next one
                # is measured: else the next page pays for it.
                waited = sum(wait_idle(server.proc.pid) for server in servers)
                print(f"  (servers idle again after {waited:.1f} s)")
            if opts.ceiling_each:
                ceilings.append(measure(servers, CEILING, dataset, opts))
        if not opts.ceiling_each:
            ceilings.append(measure(servers, CEILING, dataset, opts))
    verify(results, backend, dataset)  # the servers have stopped: read what they wrote
    srv = {
        "peak_rss_mb": max(server.peak_rss_mb for server in servers),
        "startup_s": max(server.startup_s for server in servers),
    }
    return results, ceilings, srv


def compare_storages(setups, directory, dataset, pages, opts, profile_dir):
    """The same pages on each storage and process count, one after another, each on the
    dataset as generated; one results file with them side by side."""
    runs = []
    for storage, count in setups:
        print(f"== {storage}, {count} app process{'es' if count > 1 else ''}")
        with backend_of(storage, directory, dataset) as backend:
            results, ceilings, srv = serve_pages(backend, count, pages, dataset, opts, profile_dir)
        ceiling = apply_ratios(results, ceilings, opts.ceiling_each)
        report.apply_ratio_of(results)
        runs.append(report.StorageRun(storage, count, backend.describe(), [ceiling, *results], srv))
        print(report.results_table(runs[-1].results))
    env = environment(opts, dataset, [r.results[0] for r in runs])
    env["ceiling"] = "; ".join(f"{r.label}: {r.results[0].rps:,.0f} req/s" for r in runs)
    print()
    print(report.storages_table(runs))
    print(report.scaleout_table(runs))
    if opts.no_write:
        return 0
    date = datetime.date.today().isoformat()
    out = BENCH / "results" / f"{date}-storages.md"
    out.parent.mkdir(exist_ok=True)
    findings = report.kept_findings(out.read_text(encoding="utf-8") if out.exists() else None)
    text = report.render_storages(date, runs, env)
    out.write_text(text + ("\n" + findings.strip() + "\n" if findings else ""), encoding="utf-8")
    print(f"\nwrote {out.relative_to(ROOT)}")
    return 0


def write_results(results, srv, dataset, env):
    date = datetime.date.today().isoformat()
    out = BENCH / "results" / f"{date}.md"
    out.parent.mkdir(exist_ok=True)
    old = out.read_text(encoding="utf-8") if out.exists() else None
    findings = report.kept_findings(old)
    out.write_text(
        report.render_results(date, results, srv, dataset, env, findings), encoding="utf-8"
    )
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    readme.write_text(
        report.replace_block(text, report.readme_block(date, results, srv)), encoding="utf-8"
    )
    print(f"\nwrote {out.relative_to(ROOT)} and the README's bench block")


if __name__ == "__main__":
    sys.exit(main())
