"""Measure one page: its prepared requests written for wrk, wrk on one app process (or on
several at once, each with its share), the run's numbers combined, the last request sent.

``bench/run.py`` calls ``measure`` for every page of every setup it serves."""

import concurrent.futures
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from bench import report
from bench.mailsink import MailSink
from bench.paths import BENCH, BIN, WORK
from bench.prepared import requests_file as requests_file_bytes
from bench.server import get_status
from bench.sessions import Client


@dataclass
class Run:
    """What a page's ``verify`` reads besides the database: every request sent (warm-up, run
    and the last one), the successes wrk counted in the run, the mail sink (or None)."""

    sent: list = field(default_factory=list)
    successes: int = 0
    sink: MailSink | None = None


MAIL_WAIT_S = 600  # at most this long for the mails of a run to reach the sink


def split_once(prepared, warm_count):
    """(warm-up, run, last) of requests that may each be sent once: the warm-up gets
    ``warm_count`` of them (at most half), the last is kept for after the run."""
    if len(prepared) < 2:
        raise RuntimeError(f"only {len(prepared)} requests prepared: too few to measure")
    rest, last = prepared[:-1], prepared[-1]
    warm_count = min(warm_count, len(rest) // 2)
    return rest[:warm_count], rest[warm_count:], last


def write_requests(base_url, prepared):
    with tempfile.NamedTemporaryFile("wb", delete=False, dir=WORK, suffix=".http") as f:
        f.write(requests_file_bytes(base_url, prepared))
    return f.name


def run_wrk(base_url, page, path, duration, connections, threads, requests_file=None):
    """wrk on one page for ``duration`` seconds; returns parse_wrk's numbers."""
    env = dict(os.environ, BENCH_EXPECT=str(page.expect), BENCH_THREADS=str(threads))
    if requests_file:
        env["BENCH_REQUESTS_FILE"] = str(requests_file)
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s"]
    args += ["-s", str(BENCH / "latency.lua"), base_url + path]
    out = subprocess.run(
        args, env=env, capture_output=True, text=True, check=True, timeout=duration + 60
    )
    return report.parse_wrk(out.stdout)


def run_wrks(servers, page, path, duration, opts, requests_files):
    """wrk on every server at once, each with its share of the connections (and its own
    requests file, or None): [parse_wrk's numbers], one per server."""
    count = len(servers)
    connections = max(1, opts.connections // count)
    threads = max(1, opts.threads // count)
    if count == 1:
        args = (servers[0].base_url, page, path, duration, connections, threads)
        return [run_wrk(*args, requests_files[0])]
    with concurrent.futures.ThreadPoolExecutor(count) as pool:
        runs = [
            pool.submit(run_wrk, s.base_url, page, path, duration, connections, threads, f)
            for s, f in zip(servers, requests_files, strict=True)
        ]
        return [run.result() for run in runs]


def shares(prepared, count, once):
    """The prepared requests of each of ``count`` servers: in turn, so each sends its own
    (``once``: each request may be sent once); a list too short to share is sent whole to
    each (GETs of a few sessions)."""
    if not prepared:
        return [None] * count
    parts = [prepared[i::count] for i in range(count)]
    if not once and not all(parts):
        parts = [prepared] * count
    return parts


def written(servers, parts):
    """The requests file of each server's part (None where it has none)."""
    return [
        write_requests(s.base_url, part) if part else None
        for s, part in zip(servers, parts, strict=True)
    ]


def check_status(base_url, page, path, prepared=None):
    """Fail fast when a GET page does not answer what it should before it is measured."""
    if page.method != "GET":
        return
    headers = prepared[0].headers if prepared else {}
    path = prepared[0].path if prepared else path  # what is sent (a case's, a code's page)
    status = get_status(base_url + path, headers=headers)
    if status != page.expect:
        raise RuntimeError(f"{page.name} {path} answered {status}, expected {page.expect}")


def measure(servers, page, dataset, opts, profile_dir=None, sink=None):
    """One page on one server (or on several at once: each gets its share of the requests
    and of wrk's connections, and the runs are combined)."""
    first = servers[0]
    path = page.url_path(dataset)
    prepared, warm, last = None, None, None
    if page.prepare is not None and page.per_second:
        count = page.per_second * (opts.warmup + opts.duration) + 1
        everything = page.prepare(first.base_url, dataset, count=count)
        warm, prepared, last = split_once(everything, page.per_second * opts.warmup)
        print(f"  {page.name}: {len(everything):,} prepared, each sent once")
    elif page.prepare is not None:
        prepared = warm = page.prepare(first.base_url, dataset)
    once = bool(page.per_second) or page.method != "GET"
    run_parts = shares(prepared, len(servers), once)
    requests_files = written(servers, run_parts)
    warm_files = requests_files
    if warm is not prepared:
        warm_files = written(servers, shares(warm, len(servers), once))
    for server, part in zip(servers, run_parts, strict=True):
        check_status(server.base_url, page, path, part)
    if opts.warmup and (warm or page.prepare is None):
        run_wrks(servers, page, path, opts.warmup, opts, warm_files)
    spy = start_profile(first, page, opts.duration, profile_dir) if profile_dir else None
    runs = run_wrks(servers, page, path, opts.duration, opts, requests_files)
    if spy is not None:
        spy.wait(timeout=opts.duration + 60)
    for name in {*requests_files, *warm_files} - {None}:
        os.unlink(name)
    result = report.combine([report.Result.from_wrk(page, path, values) for values in runs])
    result.run = Run((warm or []) + (prepared or []), result.requests - result.errors, sink)
    if last is not None:
        result.errors += send_last(first, page, last, sink)
        result.run.sent.append(last)
    print(
        f"  {page.name:<14} {result.rps:>8,.0f} req/s  p50 {result.p50_ms:6.1f} ms  "
        f"p99 {result.p99_ms:6.1f} ms  errors {result.errors}"
    )
    return result


def send_last(server, page, last, sink):
    """Send the request kept for after the run; with a sink, wait for its mail: the portal
    sends mails in the order of the commits, so once it came every earlier move's mail came
    (or was given up). The number of problems (0 or 1)."""
    status, _, _ = Client(server.base_url).request(last.path, last.body, last.headers)
    if status != page.expect:
        print(f"  {page.name}: the last request answered {status}, expected {page.expect}")
        return 1
    if sink is not None and not sink.wait_for_case(last.path, MAIL_WAIT_S):
        print(f"  {page.name}: the last move's mail did not arrive within {MAIL_WAIT_S} s")
        return 1
    return 0


def start_profile(server, page, duration, profile_dir):
    """py-spy on the server while wrk measures ``page`` (``--profile``): collapsed stacks."""
    py_spy = shutil.which("py-spy", path=str(BIN)) or shutil.which("py-spy")
    if py_spy is None:
        raise SystemExit("--profile needs py-spy: .venv/bin/pip install py-spy")
    out = Path(profile_dir) / f"{page.name}.txt"
    return subprocess.Popen(
        [py_spy, "record", "--pid", str(server.proc.pid), "--duration", str(duration)]
        + ["--format", "raw", "--rate", "200", "--gil", "--nonblocking", "-o", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
